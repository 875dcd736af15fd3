package com.memberplatform.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A platform service run as its own process against the local stack (its packaged jar), for tests that need a
 * real neighbour service or must kill one by PID.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String module, Process process, int port, Path log) {
        this.module = module;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service's packaged jar (see {@link #launch}) and waits until its health is UP. */
    public static ServiceProcess start(LocalStack stack, String module, String... args) throws IOException {
        ServiceProcess service = launch(stack, module, args);
        try {
            service.awaitUp(Duration.ofSeconds(120));
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * Starts {@code <repo>/<module>/target/<module>.jar} (or {@code <module>-exec.jar}, for a module whose plain jar
     * is a library) on a free port against the stack's endpoints, and returns at once.
     */
    public static ServiceProcess launch(LocalStack stack, String module, String... args) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> all = new ArrayList<>(List.of("--server.port=" + port));
        all.addAll(List.of(args));
        return launchOn(stack, module, port, all);
    }

    /** Like {@link #launch}, with every argument (the port too) given by the caller; {@code port} is where to probe. */
    public static ServiceProcess launchOn(LocalStack stack, String module, int port, List<String> args) throws IOException {
        Path target = stack.script().getParent().getParent().getParent().resolve(module).resolve("target");
        Path jar = Files.isRegularFile(target.resolve(module + "-exec.jar")) ? target.resolve(module + "-exec.jar")
                : target.resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first");
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-jar", jar.toString(), "--spring.config.import=file:" + stack.home().resolve("stack.properties")));
        command.addAll(args);
        Path log = stack.home().resolve("logs").resolve("it-" + module + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(module, process, port, log);
    }

    /** Waits until the service answers its health endpoint, whatever the status; fails if the process exits. */
    public HealthProbe awaitServing(Duration timeout) {
        return awaitHealth(timeout, "answering its health endpoint", health -> true);
    }

    /** Waits until the service's overall health is UP; fails if the process exits. */
    public HealthProbe awaitUp(Duration timeout) {
        return awaitHealth(timeout, "UP", health -> "UP".equals(health.overallStatus()));
    }

    /** Waits until the service's health satisfies {@code condition} (named {@code what} in the failure). */
    public HealthProbe awaitHealth(Duration timeout, String what, Predicate<HealthProbe> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HealthProbe last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited (code " + process.exitValue() + ") before " + what
                        + "; see " + log);
            }
            try {
                last = health();
                if (condition.test(last)) {
                    return last;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            sleep(300);
        }
        throw new IllegalStateException(module + " was not " + what + " within " + timeout.toSeconds() + " s; last health: "
                + (last == null ? "none" : last.body()) + "; see " + log);
    }

    /** The exit code once the process has ended, or empty if it still runs after {@code timeout}. */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    }

    public HealthProbe health() {
        return HealthProbe.of(url());
    }

    /** Where the process's stdout and stderr go. */
    public Path log() {
        return log;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
