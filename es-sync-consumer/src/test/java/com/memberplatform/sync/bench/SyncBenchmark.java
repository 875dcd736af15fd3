package com.memberplatform.sync.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.memberplatform.api.contract.MemberChangeEvent;
import com.memberplatform.api.topology.Store;
import com.memberplatform.stores.messaging.Consumers;
import com.memberplatform.sync.replication.TargetConsumer;
import com.memberplatform.testsupport.Benchmarks;
import com.memberplatform.testsupport.WriteApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * Sync benchmark on the running platform: a steady write load through the write service (registrations with a first
 * WeChat account, 2 events each, and profile changes, 1 event), while the running es-sync-consumer replicates to its
 * five targets. For each target it prints the events applied per second and the lag (event time to applied) p50/p99,
 * read from the service's own Prometheus histogram (bucket upper bounds) as deltas over the run.
 * <p>Baseline, measured in the same run: a bare consumer group on the same topic that applies nothing, so its lag is
 * the floor every target pays (outbox relay + RocketMQ); a target's lag minus the baseline is the cost of applying.
 * <p>Run: {@code deploy/bench/sync-bench.sh [writes per second, default 10] [seconds, default 30]} (stack up first).
 */
public final class SyncBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)}\\s+(\\S+)$");

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Properties stack = Benchmarks.stackProperties();
        String write = stack.getProperty("member.services.write");
        String sync = stack.getProperty("member.services.sync");
        WriteApi api = new WriteApi(URI.create(write).getPort(), "batch-demo", "batch-demo-token");
        String run = UUID.randomUUID().toString().substring(0, 8);

        System.out.printf("sync benchmark: %d writes/s for %d s through %s, replicated by %s%n", rate, seconds, write, sync);
        ConcurrentLinkedQueue<Long> baselineLags = new ConcurrentLinkedQueue<>();
        long[] measureFrom = {Long.MAX_VALUE};
        DefaultMQPushConsumer bare = bareConsumer(stack, run, baselineLags, measureFrom);
        List<String> members = new CopyOnWriteArrayList<>();
        try {
            // Warm up until the bare consumer receives this run's events (its queues are assigned), then measure.
            long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            measureFrom[0] = System.currentTimeMillis();
            while (baselineLags.isEmpty() && System.nanoTime() < warmUntil) {
                write(api, members, run, 0);
                Thread.sleep(200);
            }
            if (baselineLags.isEmpty()) {
                throw new IllegalStateException("the baseline consumer received nothing in 90 s");
            }
            Thread.sleep(3_000);
            Map<String, Double> before = scrape(sync);
            baselineLags.clear();
            measureFrom[0] = System.currentTimeMillis();

            AtomicInteger writes = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            // A clock ticks at the rate and hands each write to a pool, so a slow write never slows the offered load.
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            ExecutorService load = Executors.newFixedThreadPool(32);
            var ticks = clock.scheduleAtFixedRate(() -> load.execute(() -> {
                if (!write(api, members, run, writes.incrementAndGet())) {
                    errors.incrementAndGet();
                }
            }), 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            Thread.sleep(seconds * 1_000L);
            ticks.cancel(false);
            clock.shutdown();
            load.shutdown();
            load.awaitTermination(60, TimeUnit.SECONDS);
            long loadEnded = System.nanoTime();

            // Wait until every target has applied as many events as the bare consumer received (or a minute passed).
            int events = 0;
            Map<String, Double> after = scrape(sync);
            while (System.nanoTime() - loadEnded < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(1_000);
                events = baselineLags.size();
                after = scrape(sync);
                int expected = events;
                Map<String, Double> current = after;
                if (targets().stream().allMatch(t -> delta(before, current, applied(t)) >= expected)) {
                    break;
                }
            }
            report(rate, seconds, writes.get(), errors.get(), events, baselineLags, before, after);
        } finally {
            bare.shutdown();
        }
        System.exit(0);
    }

    /** A registration (2 events) or, every other time, a profile change of a member of this run (1 event). */
    private static boolean write(WriteApi api, List<String> members, String run, int i) {
        try {
            if (i % 2 == 1 && !members.isEmpty()) {
                String member = members.get(ThreadLocalRandom.current().nextInt(members.size()));
                return api.patch("/api/v1/members/" + member, "{\"displayName\":\"Bench " + i + "\"}").status() == 200;
            }
            WriteApi.Answer answer = api.post("/api/v1/members", "{\"mobile\":\"" + WriteApi.freshMobile() + "\",\"platform\":\"WECHAT\","
                    + "\"firstAccount\":" + WriteApi.openid("wxbenchmini01", WriteApi.freshWeChatId("oSb" + run), null) + "}");
            if (answer.status() != 201) {
                return false;
            }
            members.add(answer.memberId());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static DefaultMQPushConsumer bareConsumer(Properties stack, String run, ConcurrentLinkedQueue<Long> lags,
                                                      long[] measureFrom) throws Exception {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        DefaultMQPushConsumer consumer = Consumers.push(stack.getProperty("member.stores.rocketmq.name-server"), "sync-bench-baseline-" + run);
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.subscribe(MemberChangeEvent.TOPIC, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            long now = System.currentTimeMillis();
            for (var message : messages) {
                try {
                    Instant occurred = json.readValue(message.getBody(), MemberChangeEvent.class).occurredAt();
                    if (occurred.toEpochMilli() >= measureFrom[0]) {
                        lags.add((now - occurred.toEpochMilli()) * 1_000_000L);
                    }
                } catch (IOException e) {
                    // not a change event of this shape: not part of the measurement
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        return consumer;
    }

    private static void report(int rate, int seconds, int writes, int errors, int events, ConcurrentLinkedQueue<Long> baselineLags,
                               Map<String, Double> before, Map<String, Double> after) {
        System.out.printf(Locale.ROOT, "%nload: %,d writes (%d errors), %,d change events in %d s = %.1f events/s offered%n%n",
                writes, errors, events, seconds, events / (double) seconds);
        System.out.printf(Locale.ROOT, "%-37s %7s %10s %12s %12s %13s %13s%n", "target", "events", "applied/s", "lag p50 ms",
                "lag p99 ms", "batch p50 ms", "batch p99 ms");
        long[] lags = baselineLags.stream().mapToLong(Long::longValue).toArray();
        System.out.printf(Locale.ROOT, "%-37s %7d %10.1f %12.1f %12.1f %13s %13s%n", "baseline: bare consumer, same topic",
                lags.length, lags.length / (double) seconds, Benchmarks.percentileMillis(lags, 50), Benchmarks.percentileMillis(lags, 99),
                "-", "-");
        for (String target : targets()) {
            double applied = delta(before, after, applied(target));
            System.out.printf(Locale.ROOT, "%-37s %7.0f %10.1f %12s %12s %13s %13s%n", target, applied, applied / seconds,
                    bucketPercentile(before, after, "lag", target, 0.50), bucketPercentile(before, after, "lag", target, 0.99),
                    bucketPercentile(before, after, "batch", target, 0.50), bucketPercentile(before, after, "batch", target, 0.99));
        }
        System.out.println("\n(target figures are upper bounds of the service's histogram buckets, as deltas over the run; the"
                + " baseline's lags are exact)");
    }

    private static List<String> targets() {
        List<String> names = new ArrayList<>();
        for (Store target : TargetConsumer.targets()) {
            names.add(target.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String applied(String target) {
        return "member_sync_applied_total{target=\"" + target + "\"}";
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    /** The smallest bucket bound (ms) under which the fraction q of this run's samples of a timer fell. */
    private static String bucketPercentile(Map<String, Double> before, Map<String, Double> after, String timer, String target,
                                           double q) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        String prefix = "member_sync_" + timer + "_seconds_bucket{target=\"" + target + "\",le=\"";
        after.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String le = key.substring(prefix.length(), key.length() - 2);
                cumulative.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value - before.getOrDefault(key, 0.0));
            }
        });
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        if (total == 0) {
            return "-";
        }
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= q * total) {
                return bucket.getKey().isInfinite() ? "inf" : String.format(Locale.ROOT, "<= %.1f", bucket.getKey() * 1000);
            }
        }
        return "inf";
    }

    /** The service's Prometheus samples, keyed by name and the target/le labels only. */
    private static Map<String, Double> scrape(String sync) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sync + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the sync service answered " + response.statusCode() + " for its metrics");
        }
        Map<String, Double> samples = new TreeMap<>();
        for (String line : response.body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches() || !sample.group(1).startsWith("member_sync_")) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            for (String label : sample.group(2).split(",")) {
                if (label.startsWith("target=") || label.startsWith("le=")) {
                    labels.add(label);
                }
            }
            Collections.sort(labels, (a, b) -> a.startsWith("target=") ? -1 : b.startsWith("target=") ? 1 : 0);
            samples.put(sample.group(1) + "{" + String.join(",", labels) + "}", Double.parseDouble(sample.group(3)));
        }
        return samples;
    }
}
