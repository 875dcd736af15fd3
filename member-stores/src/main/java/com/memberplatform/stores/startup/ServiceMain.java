package com.memberplatform.stores.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code main} of every service: runs its Spring application and, when the context fails to start, ends the JVM
 * at once with exit code 1. Without this the store clients' own threads (Redisson, RocketMQ) keep a JVM whose
 * context is gone alive and listed as running, and whoever started it waits for a service that will never answer.
 * Stores that are away do not fail the start (decision 0007): what fails it is a defect or a bad setting.
 */
public final class ServiceMain {

    /** How long the JVM's shutdown hooks get before it is halted. */
    private static final long HALT_AFTER_MILLIS = 10_000;

    private ServiceMain() {
    }

    public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
        try {
            return SpringApplication.run(application, args);
        } catch (Throwable failure) {
            // Spring Boot has logged why ("Application run failed"); say that this ends the process.
            System.err.println(application.getSimpleName() + " did not start (" + Reasons.of(failure) + "); exiting with 1");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HALT_AFTER_MILLIS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
                Runtime.getRuntime().halt(1);
            }, "halt-after-failed-start");
            halt.setDaemon(true);
            halt.start();
            System.exit(1);
            throw new IllegalStateException("unreachable", failure);
        }
    }
}
