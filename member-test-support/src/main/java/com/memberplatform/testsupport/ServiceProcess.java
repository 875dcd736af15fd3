package com.memberplatform.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A platform service run as its own process against the local stack (its packaged jar), for tests that need a
 * real neighbour service or must kill one by PID.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code <repo>/<module>/target/<module>.jar} on a free port and waits until its health is UP. */
    public static ServiceProcess start(LocalStack stack, String module, String... args) throws IOException {
        Path jar = stack.script().getParent().getParent().getParent().resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-jar", jar.toString(), "--server.port=" + port,
                "--spring.config.import=file:" + stack.home().resolve("stack.properties")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stack.home().resolve("logs").resolve("it-" + module + "-" + port + ".log").toFile()).start();
        ServiceProcess service = new ServiceProcess(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited during start-up; see logs/it-" + module + "-" + port + ".log");
            }
            try {
                if ("UP".equals(HealthProbe.of(service.url()).overallStatus())) {
                    return service;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            sleep(500);
        }
        service.close();
        throw new IllegalStateException(module + " was not UP within 120 s");
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
            if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
