package com.memberplatform.flowcontrol.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configuration document as a service sees it, kept current from the config Redis: read at start, replaced by
 * every change published on its channel, and read again whenever the subscription is (re)established, so a change
 * made while the config Redis was away is picked up on return. A document the parser refuses is logged and
 * ignored; while the config Redis is away the last good document stays in force.
 *
 * @param <T> the parsed, validated document
 */
public final class LiveDocument<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveDocument.class);

    private final RedissonClient configRedis;
    private final ConfigChannel channel;
    private final Function<String, T> parser;
    private final List<Consumer<T>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService retry;
    private volatile T current;
    private volatile String currentJson;
    private volatile RTopic topic;

    private LiveDocument(RedissonClient configRedis, ConfigChannel channel, Function<String, T> parser, T initial) {
        this.configRedis = configRedis;
        this.channel = channel;
        this.parser = parser;
        this.current = Objects.requireNonNull(initial, "initial");
        this.retry = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-config-" + channel.document());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Follows a document. {@code initial} is in force until the first good document arrives (a service must be able
     * to start while the config Redis is down); {@code parser} validates and throws on a document it refuses.
     */
    public static <T> LiveDocument<T> follow(RedissonClient configRedis, ConfigChannel channel,
                                             Function<String, T> parser, T initial) {
        LiveDocument<T> document = new LiveDocument<>(configRedis, channel, parser, initial);
        document.subscribe();
        return document;
    }

    public T current() {
        return current;
    }

    /** Called with each new document after it is in force. */
    public void onChange(Consumer<T> listener) {
        listeners.add(listener);
    }

    private void subscribe() {
        try {
            RTopic subscribed = configRedis.getTopic(channel.channel(), StringCodec.INSTANCE);
            subscribed.addListener(new BaseStatusListener() {
                @Override
                public void onSubscribe(String name) {
                    retry.execute(LiveDocument.this::reload);
                }
            });
            subscribed.addListener(String.class, (name, json) -> apply(json, "published"));
            topic = subscribed;
            reload();
        } catch (RuntimeException e) {
            log.warn("config Redis unavailable for '{}' ({}); keeping the last good document, retrying in 1 s",
                    channel.document(), e.getClass().getSimpleName());
            retry.schedule(this::subscribe, 1, TimeUnit.SECONDS);
        }
    }

    private void reload() {
        try {
            String json = configRedis.<String>getBucket(channel.key(), StringCodec.INSTANCE).get();
            if (json != null) {
                apply(json, "stored");
            }
        } catch (RuntimeException e) {
            log.warn("could not read '{}' from the config Redis ({}); keeping the last good document",
                    channel.document(), e.getClass().getSimpleName());
        }
    }

    private synchronized void apply(String json, String source) {
        if (json.equals(currentJson)) {
            return;
        }
        T parsed;
        try {
            parsed = parser.apply(json);
        } catch (RuntimeException e) {
            log.warn("refused {} document '{}': {}; the previous one stays in force", source, channel.document(), e.getMessage());
            return;
        }
        current = parsed;
        currentJson = json;
        log.info("configuration '{}' applied ({})", channel.document(), source);
        listeners.forEach(listener -> listener.accept(parsed));
    }

    @Override
    public void close() {
        retry.shutdownNow();
        RTopic subscribed = topic;
        if (subscribed != null) {
            try {
                subscribed.removeAllListeners();
            } catch (RuntimeException e) {
                log.debug("config Redis gone while unsubscribing '{}'", channel.document());
            }
        }
    }
}
