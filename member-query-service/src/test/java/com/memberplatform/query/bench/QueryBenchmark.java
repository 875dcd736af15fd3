package com.memberplatform.query.bench;

import com.memberplatform.testsupport.Benchmarks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query benchmark on the running platform: lookups by member id through the query service, the ids drawn from a
 * Zipf distribution over the N seeded members ({@link SeedMembers}), against the service's no-op endpoint
 * ({@code GET /api/v1/ping}: same caller authentication, same threads, no store) measured in the same run.
 * Prints requests/s, p50/p99/p999, errors, and for the lookups the cache hit rate (from the service's own counters).
 * <p>Run: {@code deploy/bench/query-bench.sh [members] [seconds] [threads] [zipf exponent] [warm-up seconds]} (the stack
 * must be up).
 */
public final class QueryBenchmark {

    private static final Pattern CACHE = Pattern.compile("^member_query_cache_total\\{[^}]*result=\"(hit|miss|unavailable)\"[^}]*}\\s+(\\S+)$",
            Pattern.MULTILINE);

    record Figures(String name, int requests, int errors, double seconds, long[] latencies) {

        double perSecond() {
            return requests / seconds;
        }

        String row() {
            return String.format(Locale.ROOT, "%-34s %10.1f %9.2f %9.2f %9.2f %7d", name, perSecond(), Benchmarks.percentileMillis(latencies, 50),
                    Benchmarks.percentileMillis(latencies, 99), Benchmarks.percentileMillis(latencies, 99.9), errors);
        }
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        double exponent = args.length > 3 ? Double.parseDouble(args[3]) : 0.99;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        Properties stack = Benchmarks.stackProperties();
        String query = stack.getProperty("member.services.query");
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
        Zipf zipf = new Zipf(members, exponent);

        System.out.printf("query benchmark: %,d members, Zipf exponent %.2f, %d client threads, %d s per endpoint after a %d s"
                + " warm-up, %s%n", members, exponent, threads, seconds, warmUp, query);
        IntFunction<HttpRequest> ping = i -> get(query + "/api/v1/ping");
        IntFunction<HttpRequest> lookup = i -> get(query + "/api/v1/members/" + SeedMembers.memberId(zipf.next()));
        // The cache fills as it would in production: from the lookups themselves (a cold cache is not the steady state).
        measure("warm-up", http, threads, warmUp, i -> i % 8 == 0 ? ping.apply(i) : lookup.apply(i));

        Figures noop = measure("no-op (GET /api/v1/ping)", http, threads, seconds, ping);
        double[] before = cacheCounters(http, query);
        Figures lookups = measure("lookup by id (Zipf)", http, threads, seconds, lookup);
        double[] after = cacheCounters(http, query);

        double hits = after[0] - before[0];
        double misses = after[1] - before[1];
        System.out.printf("%n%-34s %10s %9s %9s %9s %7s%n", "endpoint", "req/s", "p50 ms", "p99 ms", "p999 ms", "errors");
        System.out.println(noop.row());
        System.out.println(lookups.row());
        System.out.printf(Locale.ROOT, "%nlookup throughput = %.1f %% of the no-op endpoint; p50 %.2fx, p99 %.2fx; cache hit rate %.1f %%"
                        + " (%,.0f hits, %,.0f misses, %,.0f cache unavailable)%n",
                100 * lookups.perSecond() / noop.perSecond(),
                Benchmarks.percentileMillis(lookups.latencies(), 50) / Benchmarks.percentileMillis(noop.latencies(), 50),
                Benchmarks.percentileMillis(lookups.latencies(), 99) / Benchmarks.percentileMillis(noop.latencies(), 99),
                100 * hits / Math.max(1, hits + misses), hits, misses, after[2] - before[2]);
        System.exit(0);
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("X-Caller-Id", "order-demo")
                .header("Authorization", "Bearer order-demo-token").GET().build();
    }

    /** Closed loop: each thread sends its next request when the last one is answered, for {@code seconds}. */
    static Figures measure(String name, HttpClient http, int threads, int seconds, IntFunction<HttpRequest> request)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger count = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[][] latencies = new long[threads][];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        Future<?>[] workers = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers[t] = pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    int i = count.getAndIncrement();
                    long began = System.nanoTime();
                    try {
                        if (http.send(request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - began;
                }
                latencies[thread] = Arrays.copyOf(mine, n);
                return null;
            });
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).toArray();
        return new Figures(name, all.length, errors.get(), elapsed, all);
    }

    /** The service's cache counters: hits, misses, unavailable. */
    private static double[] cacheCounters(HttpClient http, String query) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(query + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double[] counters = new double[3];
        Matcher sample = CACHE.matcher(body);
        while (sample.find()) {
            int at = switch (sample.group(1)) {
                case "hit" -> 0;
                case "miss" -> 1;
                default -> 2;
            };
            counters[at] = Double.parseDouble(sample.group(2));
        }
        return counters;
    }

    /** Zipf(n, s) by inverse CDF over a precomputed cumulative table: rank 0 is the hottest member. */
    static final class Zipf {

        private final double[] cumulative;
        private final ThreadLocal<SplittableRandom> random = ThreadLocal.withInitial(() -> new SplittableRandom(System.nanoTime()));

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, exponent);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int next() {
            int at = Arrays.binarySearch(cumulative, random.get().nextDouble());
            return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
        }
    }
}
