package com.memberplatform.query.bench;

import com.memberplatform.flowcontrol.client.ConfigPublisher;
import com.memberplatform.flowcontrol.rules.FlowRulesConfiguration;
import com.memberplatform.stores.redis.RedisCenters;
import com.memberplatform.testsupport.Benchmarks;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.redisson.api.RedissonClient;

/**
 * Flow-control benchmark on the running platform: the same lookup endpoint (by member id, Zipf over the seeded
 * members) with Sentinel's three layers in force and with flow control switched off through the live
 * {@code flow-rules} document, in the same run (after a warm-up three phases long, in the order with, without,
 * without, with); then the document in force before is put back.
 * The hot-key limit is raised for the "with" phases so that the figures show Sentinel's cost, not its refusals.
 * <p>Run: {@code deploy/bench/flow-bench.sh [members] [seconds per phase] [client threads]} (stack up, members seeded
 * by query-bench.sh).
 */
public final class FlowBenchmark {

    private static final String WITH = "{\"enabled\":true,\"globalQps\":24000,\"unknownCallerQps\":20,\"hotKeyQps\":100000,\"hotKeyExceptions\":[],"
            + "\"degrade\":{\"failureRatio\":0.5,\"failureCount\":20,\"slowCallMillis\":300,\"slowCallMillisByStore\":{\"mysql\":1000},\"slowRatio\":0.8,\"minimumCalls\":5,\"openSeconds\":5}}";
    private static final String WITHOUT = "{\"enabled\":false,\"globalQps\":24000,\"unknownCallerQps\":20,\"hotKeyQps\":100000,\"hotKeyExceptions\":[],"
            + "\"degrade\":{\"failureRatio\":0.5,\"failureCount\":20,\"slowCallMillis\":300,\"slowCallMillisByStore\":{\"mysql\":1000},\"slowRatio\":0.8,\"minimumCalls\":5,\"openSeconds\":5}}";

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Properties stack = Benchmarks.stackProperties();
        String query = stack.getProperty("member.services.query");
        RedissonClient configRedis = RedisCenters.client(stack.getProperty("member.stores.redis.config"));
        ConfigPublisher publisher = new ConfigPublisher(configRedis);
        String before = publisher.current(FlowRulesConfiguration.FLOW_RULES);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
        QueryBenchmark.Zipf zipf = new QueryBenchmark.Zipf(members, 0.99);
        IntFunction<HttpRequest> lookup = i -> QueryBenchmark.get(query + "/api/v1/members/" + SeedMembers.memberId(zipf.next()));

        System.out.printf("flow-control benchmark: lookups by id (Zipf 0.99 over %,d members), %d client threads, %d s per phase%n",
                members, threads, seconds);
        try {
            // The cache keeps warming during the run: a long warm-up, then with/without/without/with (ABBA) so that
            // neither side gets the warmer half.
            QueryBenchmark.measure("warm-up", http, threads, 3 * seconds, lookup);
            QueryBenchmark.Figures[] with = new QueryBenchmark.Figures[2];
            QueryBenchmark.Figures[] without = new QueryBenchmark.Figures[2];
            publish(publisher, WITH);
            with[0] = QueryBenchmark.measure("with Sentinel, round 1", http, threads, seconds, lookup);
            publish(publisher, WITHOUT);
            without[0] = QueryBenchmark.measure("without Sentinel, round 1", http, threads, seconds, lookup);
            without[1] = QueryBenchmark.measure("without Sentinel, round 2", http, threads, seconds, lookup);
            publish(publisher, WITH);
            with[1] = QueryBenchmark.measure("with Sentinel, round 2", http, threads, seconds, lookup);
            System.out.printf("%n%-34s %10s %9s %9s %9s %7s%n", "phase", "req/s", "p50 ms", "p99 ms", "p999 ms", "errors");
            for (int round = 0; round < 2; round++) {
                System.out.println(with[round].row());
                System.out.println(without[round].row());
            }
            double withRate = (with[0].perSecond() + with[1].perSecond()) / 2;
            double withoutRate = (without[0].perSecond() + without[1].perSecond()) / 2;
            System.out.printf(Locale.ROOT, "%nwith Sentinel %.1f req/s, without %.1f req/s: ratio %.3f (%.1f %% of the throughput)%n",
                    withRate, withoutRate, withRate / withoutRate, 100 * withRate / withoutRate);
        } finally {
            publish(publisher, before != null ? before : new String(FlowBenchmark.class.getResourceAsStream("/member-config/flow-rules.json")
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            configRedis.shutdown();
        }
        System.exit(0);
    }

    private static void publish(ConfigPublisher publisher, String json) throws InterruptedException {
        publisher.publish(FlowRulesConfiguration.FLOW_RULES, json, "flow-bench", "benchmark phase");
        Thread.sleep(1_000);
    }
}
