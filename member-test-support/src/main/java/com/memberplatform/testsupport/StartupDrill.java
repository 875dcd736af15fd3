package com.memberplatform.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Start-up drills of a service run as its own process (its packaged jar) against the local stack: the service must
 * start whatever state its stores are in, say in its health which store is missing and why, and recover without a
 * restart once the store is back; and a context that fails for any other reason must end the JVM at once.
 *
 * <p>Every drill puts the stack back as it found it (stores started, servers thawed), whatever the outcome.
 */
public final class StartupDrill {

    /** How long a JVM may take to answer its health endpoint on a loaded two-core machine. */
    private static final Duration SERVING = Duration.ofSeconds(120);
    /** How long a store's entry may take to turn UP once its servers are ready (backoff is capped at 5 s). */
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private StartupDrill() {
    }

    /**
     * Stops every server of {@code stores} (names of {@link LocalStack#STORES}), starts the service, and checks that it
     * serves with its overall health DOWN and each of {@code stores} and {@code dependents} (further health entries,
     * e.g. a consumer group, found at any depth) DOWN with a {@code reason}. Then starts the stores again one at a
     * time, checking that the store's entry turns UP each time, and waits for the overall health to be UP.
     *
     * @return the service, UP; the caller checks that it works and closes it
     */
    public static ServiceProcess withStoresStopped(LocalStack stack, String module, List<String> stores, List<String> dependents,
            String... args) throws IOException {
        List<String> stopped = new ArrayList<>();
        try {
            for (String store : stores) {
                stopped.add(store);
                stack.stopStore(store);
            }
            return checked(ServiceProcess.launch(stack, module, args), service -> {
                HealthProbe health = service.awaitServing(SERVING);
                if (!"DOWN".equals(health.overallStatus()) || health.httpStatus() != 503) {
                    throw new AssertionError(module + " is not DOWN (503) while its stores are away: " + health.httpStatus() + " "
                            + health.body());
                }
                for (String entry : concat(stores, dependents)) {
                    requireDownWithReason(health, entry);
                }
                while (!stopped.isEmpty()) {
                    String store = stopped.get(0);
                    stack.startStore(store);
                    stopped.remove(0);
                    service.awaitHealth(RECOVERY, store + " UP", probe -> "UP".equals(probe.componentStatus(store)));
                }
                service.awaitUp(RECOVERY);
            });
        } finally {
            stopped.forEach(stack::startStore);
        }
    }

    /**
     * Freezes {@code server} (SIGSTOP: it accepts connections and answers nothing), starts the service, and checks that
     * it serves with {@code entry} DOWN with a reason; then thaws the server and waits for the overall health to be UP.
     *
     * @return the service, UP; the caller checks that it works and closes it
     */
    public static ServiceProcess withServerFrozen(LocalStack stack, String module, String server, String entry, String... args)
            throws IOException {
        stack.freeze(server);
        try {
            return checked(ServiceProcess.launch(stack, module, args), service -> {
                requireDownWithReason(service.awaitServing(SERVING), entry);
                stack.thaw(server);
                service.awaitUp(RECOVERY);
            });
        } finally {
            stack.thaw(server); // again if the checks failed first; SIGCONT to a running server does nothing
        }
    }

    /** Runs {@code checks} on a started service; closes it when they fail, so no drilled JVM outlives its drill. */
    private static ServiceProcess checked(ServiceProcess service, Consumer<ServiceProcess> checks) {
        try {
            checks.accept(service);
            return service;
        } catch (RuntimeException | Error e) {
            service.close();
            throw e;
        }
    }

    /**
     * Starts the service on a port another socket holds, so its context fails after every bean is built (the web
     * server cannot bind), and returns the JVM's exit code; fails if the JVM is still alive {@code within} later.
     */
    public static int exitCodeWhenTheContextFails(LocalStack stack, String module, Duration within) throws IOException,
            InterruptedException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServiceProcess service = ServiceProcess.launchOn(stack, module, taken.getLocalPort(),
                    List.of("--server.port=" + taken.getLocalPort(), "--server.address=127.0.0.1"));
            try {
                OptionalInt exit = service.awaitExit(within);
                if (exit.isEmpty()) {
                    throw new AssertionError(module + " still runs " + within.toSeconds() + " s after its context failed; see "
                            + service.log());
                }
                return exit.getAsInt();
            } finally {
                service.close();
            }
        }
    }

    private static void requireDownWithReason(HealthProbe health, String entry) {
        String component = health.component(entry);
        if (component == null) {
            throw new AssertionError("health has no entry " + entry + ": " + health.body());
        }
        if (!component.startsWith("{\"status\":\"DOWN\"") || !component.contains("\"reason\":\"")) {
            throw new AssertionError("health entry " + entry + " is not DOWN with a reason while its stores are away: " + component);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
