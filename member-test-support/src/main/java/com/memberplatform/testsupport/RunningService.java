package com.memberplatform.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A neighbour service run as its own process for tests:
 * {@code @RegisterExtension static RunningService writer = RunningService.of("member-write-service", args...);}
 * starts it before the first test class that needs it; classes asking for the same module and arguments share the
 * process, which is stopped when the test run ends (like the stack itself: started once per run).
 */
public final class RunningService implements BeforeAllCallback {

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

    /** Closes the process when the root context (the whole test run) closes. */
    private record Shared(ServiceProcess process) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            process.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String key = module + " " + String.join(" ", args);
        process = context.getRoot().getStore(ExtensionContext.Namespace.create(RunningService.class))
                .getOrComputeIfAbsent(key, k -> {
                    try {
                        return new Shared(ServiceProcess.start(LocalStack.get(), module, args));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, Shared.class).process();
    }

    public ServiceProcess process() {
        return process;
    }

    /** The write API of this service as the order-flow demo caller. */
    public WriteApi asOrderCaller() {
        return WriteApi.asOrderCaller(process.port());
    }
}
