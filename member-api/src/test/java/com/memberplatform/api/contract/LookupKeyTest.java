package com.memberplatform.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.memberplatform.api.domain.AccountKey;
import com.memberplatform.api.domain.AccountType;
import com.memberplatform.api.domain.Mobile;
import com.memberplatform.api.domain.Openid;
import com.memberplatform.api.domain.Platform;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The text form of a lookup key is printed and read in one place, and what one prints the other reads back. Keys and
 * texts are generated from a seed printed on failure ({@code -Dlookup-key.seed=N} repeats a run).
 */
class LookupKeyTest {

    private static final long SEED = Long.getLong("lookup-key.seed", System.nanoTime());
    private static final int TRIES = 2_000;
    private static final String VISIBLE = "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{}~";

    private final Random random = new Random(SEED);

    @Test
    void shouldReadBackWhatItPrints() {
        for (int i = 0; i < TRIES; i++) {
            LookupKey key = key();
            LookupKey read = LookupKey.parse(key.toString());
            assertThat(read).as("seed %d: %s", SEED, key).isEqualTo(key).hasSameHashCodeAs(key);
            assertThat(read.kind()).isEqualTo(key.kind());
            assertThat(read.value()).isEqualTo(key.value());
            assertThat(key.toString()).isEqualTo(key.kind().label() + ":" + key.value());
            if (key.kind() == LookupKey.Kind.ID) {
                assertThat(key.masked()).isEqualTo(key.toString());
                assertThat(LookupKey.memberId(key.memberId())).isEqualTo(key);
            } else {
                assertThat(key.masked()).startsWith(key.kind().label() + ":").isNotEqualTo(key.toString());
            }
        }
    }

    /** Any text either reads as a key that prints exactly that text, or is refused by the parser's own exception. */
    @Test
    void shouldRefuseAnyTextItWouldNotPrint() {
        String[] prefixes = {"id:", "mobile:", "account:", "ID:", "mobile", "", "x:", "id::"};
        String[] alphabets = {"+0123456789", "+0123456789|:AZ_ ", VISIBLE, "０１２٣\u0000\u00e9 |"};
        for (int i = 0; i < TRIES; i++) {
            String text = prefixes[random.nextInt(prefixes.length)] + text(alphabets[random.nextInt(alphabets.length)], 0, 30);
            try {
                assertThat(LookupKey.parse(text).toString()).as("seed %d", SEED).isEqualTo(text);
            } catch (IllegalArgumentException refused) {
                assertThat(refused).as("seed %d: %s", SEED, text).hasMessageContaining("lookup key");
            }
        }
    }

    @Test
    void shouldRefuseWhatLooksAlmostRight() {
        for (String text : new String[] {"id:", "id:0", "id:-1", "id:01", "id:９", "id:+5", "id:9223372036854775808",
                "ID:1", " id:1", "id:1 ", "mobile:8613800138000", "mobile:+86 13800138000", "mobile:+0861380013800",
                "account:WECHAT|WECHAT_OPENID|wx1", "account:WECHAT|WECHAT_OPENID|wx1|o|x", "account:|||",
                "account:WECHAT|WECHAT_OPENID|wx1|o b", "email:a@b", ":1", "", "id"}) {
            assertThatThrownBy(() -> LookupKey.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LookupKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookupKey.mobile("+86")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookupKey.memberId(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LookupKey.mobile("+8613800138000").memberId()).isInstanceOf(IllegalStateException.class);
    }

    private LookupKey key() {
        return switch (random.nextInt(4)) {
            case 0 -> LookupKey.memberId(1 + (random.nextLong() & Long.MAX_VALUE) % Long.MAX_VALUE);
            case 1 -> LookupKey.mobile(Mobile.parseE164("+861" + (3 + random.nextInt(7)) + text("0123456789", 9, 9)));
            case 2 -> LookupKey.account(AccountKey.openid(text("abcxyz019_.-", 1, 64), new Openid(text("abcXYZ019_-", 6, 40))));
            default -> LookupKey.account(AccountKey.of(Platform.TRAVEL_APP, AccountType.APP_USER, "app",
                    text(VISIBLE.replace("|", ""), 1, 128)));
        };
    }

    private String text(String alphabet, int min, int max) {
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
