package com.memberplatform.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A neighbour service run as its own process for the tests of one class:
 * {@code @RegisterExtension static RunningService writer = RunningService.of("member-write-service", args...);}
 * starts it before the class's first test and stops it after the last.
 */
public final class RunningService implements BeforeAllCallback, AfterAllCallback {

    private final String module;
    private final String[] args;
    private ServiceProcess process;

    private RunningService(String module, String[] args) {
        this.module = module;
        this.args = args;
    }

    public static RunningService of(String module, String... args) {
        return new RunningService(module, args);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        process = ServiceProcess.start(LocalStack.get(), module, args);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (process != null) {
            process.close();
        }
    }

    public ServiceProcess process() {
        return process;
    }

    /** The write API of this service as the order-flow demo caller. */
    public WriteApi asOrderCaller() {
        return WriteApi.asOrderCaller(process.port());
    }
}
