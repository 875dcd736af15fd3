package com.memberplatform.flowcontrol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Publishes a configuration document: one script on the config Redis reads the document in force, SETs the new one,
 * records the change (who, when, why, before, after) on the history list and PUBLISHes the same JSON. A script runs
 * atomically, like a MULTI, so an instance that (re)subscribes and reads the key can never miss a change nor see one
 * that was not stored, and no change goes unrecorded. It does not validate: callers do (the ops command parses a
 * document with the parser its followers use before publishing it).
 */
public final class ConfigPublisher {

    /** Where every change is recorded, newest first (the last 10,000). */
    public static final String HISTORY_KEY = "member:config:history";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static final String PUBLISH = """
            local before = redis.call('get', KEYS[1])
            redis.call('set', KEYS[1], ARGV[1])
            local record = cjson.encode({document = ARGV[2], operator = ARGV[3], reason = ARGV[4], at = ARGV[5],
                                         before = before or '', after = ARGV[1]})
            redis.call('lpush', KEYS[2], record)
            redis.call('ltrim', KEYS[2], 0, 9999)
            local receivers = redis.call('publish', KEYS[1], ARGV[1])
            return {record, receivers}
            """;

    /** A recorded change; {@code before} is empty for a document's first publication. */
    public record Change(String document, String operator, String reason, Instant at, String before, String after) {
    }

    /** What a publication did: the recorded change, and how many instances received it at once. */
    public record Published(Change change, long receivers) {
    }

    private final RedissonClient configRedis;

    public ConfigPublisher(RedissonClient configRedis) {
        this.configRedis = configRedis;
    }

    public Published publish(ConfigChannel channel, String json, String operator, String reason) {
        List<Object> result = configRedis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PUBLISH,
                RScript.ReturnType.MULTI, List.of(channel.key(), HISTORY_KEY), json, channel.document(), operator, reason,
                Instant.now().toString());
        return new Published(parse((String) result.get(0)), ((Number) result.get(1)).longValue());
    }

    /** The document in force, or null when none was ever published. */
    public String current(ConfigChannel channel) {
        return configRedis.<String>getBucket(channel.key(), StringCodec.INSTANCE).get();
    }

    /** The newest changes first, of one document or (null) of all. */
    public List<Change> history(String document, int limit) {
        List<Change> changes = new ArrayList<>();
        for (String record : configRedis.<String>getList(HISTORY_KEY, StringCodec.INSTANCE).readAll()) {
            Change change = parse(record);
            if (document == null || document.equals(change.document())) {
                changes.add(change);
                if (changes.size() == limit) {
                    break;
                }
            }
        }
        return changes;
    }

    private static Change parse(String record) {
        try {
            return JSON.readValue(record, Change.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an unreadable change record on " + HISTORY_KEY, e);
        }
    }
}
