package com.memberplatform.write.bench;

import com.memberplatform.testsupport.Benchmarks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write benchmark on the local stack: registrations (with a first WeChat account) and bindings through the running
 * write service's REST API, against a baseline measured in the same run: a plain JDBC insert into one table on the
 * same MariaDB master, with the same number of client threads and operations.
 *
 * <p>Run: {@code deploy/bench/write-bench.sh [operations] [threads]} (the stack must be up).
 */
public final class WriteBenchmark {

    private interface Operation {
        boolean run(int i) throws Exception;
    }

    record Figures(String name, int operations, int errors, double seconds, long[] latenciesNanos) {

        double perSecond() {
            return operations / seconds;
        }

        double percentileMillis(double p) {
            return Benchmarks.percentileMillis(latenciesNanos, p);
        }
    }

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Properties stack = Benchmarks.stackProperties();
        String write = stack.getProperty("member.services.write");
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();
        String[] members = new String[operations];

        System.out.printf("write benchmark: %d operations per kind, %d client threads, service %s%n", operations, threads, write);
        warmUp(http, write, run, threads);
        Figures baseline = measure("baseline: JDBC INSERT, one table", operations, threads, baselineInsert(stack, run));
        Figures register = measure("register (+ first WeChat account)", operations, threads, i -> {
            String body = "{\"mobile\":\"" + mobile(run, i, 0) + "\",\"platform\":\"WECHAT\",\"firstAccount\":{\"platform\":\"WECHAT\","
                    + "\"accountType\":\"WECHAT_OPENID\",\"appId\":\"wxbenchmini01\",\"value\":\"oBench" + run + "x" + i
                    + "\",\"unionid\":\"uBench" + run + "x" + i + "\"}}";
            HttpResponse<String> response = post(http, write + "/api/v1/members", body);
            if (response.statusCode() != 201) {
                return false;
            }
            members[i] = response.body().replaceAll(".*\"memberId\":\"([0-9]+)\".*", "$1");
            return true;
        });
        Figures bind = measure("bind (app account)", operations, threads, i -> members[i] != null
                && post(http, write + "/api/v1/members/" + members[i] + "/bindings", "{\"platform\":\"TRAVEL_APP\","
                + "\"accountType\":\"APP_USER\",\"appId\":\"travel-ios\",\"value\":\"bench-" + run + "-" + i + "\"}").statusCode() == 201);

        System.out.printf("%n%-36s %10s %9s %9s %7s%n", "operation", "ops/s", "p50 ms", "p99 ms", "errors");
        for (Figures f : new Figures[] {baseline, register, bind}) {
            System.out.printf("%-36s %10.1f %9.2f %9.2f %7d%n", f.name(), f.perSecond(), f.percentileMillis(50),
                    f.percentileMillis(99), f.errors());
        }
        System.out.printf("%nregister throughput = %.1f %% of the baseline, bind = %.1f %%%n",
                100 * register.perSecond() / baseline.perSecond(), 100 * bind.perSecond() / baseline.perSecond());
        System.exit(0);
    }

    private static void warmUp(HttpClient http, String write, String run, int threads) throws Exception {
        measure("warm-up", 200, threads, i -> post(http, write + "/api/v1/members",
                "{\"mobile\":\"" + mobile(run, i, 1) + "\",\"platform\":\"TRAVEL_APP\"}").statusCode() == 201);
    }

    /** A distinct, valid +86 mobile per run, operation and phase. */
    private static String mobile(String run, int i, int phase) {
        long n = Math.floorMod((long) run.hashCode() * 31 + phase * 10_000_000L + i, 100_000_000L);
        return "+86135" + String.format("%08d", n);
    }

    private static Operation baselineInsert(Properties stack, String run) throws Exception {
        String url = "jdbc:mariadb://" + stack.getProperty("member.stores.mysql.master") + "/member_meta";
        String user = stack.getProperty("member.stores.mysql.username");
        String password = stack.getProperty("member.stores.mysql.password");
        try (Connection connection = DriverManager.getConnection(url, user, password); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS bench_baseline (id VARCHAR(64) PRIMARY KEY, member_id BIGINT NOT NULL, "
                    + "payload VARCHAR(255) NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB");
        }
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return i -> {
            try (PreparedStatement insert = connections.get().prepareStatement(
                    "INSERT INTO bench_baseline (id, member_id, payload, created_at) VALUES (?, ?, ?, NOW(3))")) {
                insert.setString(1, run + "-" + i);
                insert.setLong(2, i);
                insert.setString(3, "{\"mobile\":\"masked\",\"platform\":\"WECHAT\"}");
                return insert.executeUpdate() == 1;
            }
        };
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Caller-Id", "batch-demo").header("Authorization", "Bearer batch-demo-token")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Figures measure(String name, int operations, int threads, Operation operation) throws Exception {
        long[] latencies = new long[operations];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        Future<?>[] workers = new Future<?>[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                    long began = System.nanoTime();
                    boolean ok;
                    try {
                        ok = operation.run(i);
                    } catch (Exception e) {
                        ok = false;
                    }
                    latencies[i] = System.nanoTime() - began;
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        return new Figures(name, operations, (int) errors.get(), seconds, latencies);
    }
}
