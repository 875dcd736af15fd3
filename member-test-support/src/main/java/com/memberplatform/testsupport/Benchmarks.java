package com.memberplatform.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/** What every benchmark command needs: the running stack's endpoints and latency percentiles. */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** The endpoints of the stack whose home the bench script passes as {@code -Dmember.stack.home}. */
    public static Properties stackProperties() throws IOException {
        Path home = Path.of(System.getProperty("member.stack.home", ".stack"));
        Properties stack = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("stack.properties"))) {
            stack.load(in);
        }
        return stack;
    }

    /** The p-th percentile (nearest rank) of latencies in nanoseconds, in milliseconds; 0 for none. */
    public static double percentileMillis(long[] latenciesNanos, double p) {
        if (latenciesNanos.length == 0) {
            return 0;
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1e6;
    }
}
