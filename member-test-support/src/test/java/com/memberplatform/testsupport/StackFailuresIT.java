package com.memberplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stack says which server failed and why, in one line, and exits non-zero. */
@WithLocalStack
class StackFailuresIT {

    record Result(int exitCode, List<String> lines) {
    }

    @Test
    void shouldRefuseABusyPortNamingTheServer(LocalStack stack) throws Exception {
        stack.stop("legacy-h2");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 19092));

            Result result = run(stack, Map.of(), "start", "legacy-h2");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.lines()).first().asString()
                    .isEqualTo("stack: FAILED legacy-h2: port 19092 is busy: another process listens on 127.0.0.1:19092 "
                            + "(override it in deploy/local/ports.env)");
        } finally {
            stack.start("legacy-h2");
        }
        assertThat(listening(19092)).isTrue();
    }

    @Test
    void shouldNameAServerThatFailsToStart(LocalStack stack) throws Exception {
        stack.stop("es-marketing");
        try {
            Result result = run(stack, Map.of("MEMBER_ES_HEAP", "not-a-size"), "start", "es-marketing");

            assertThat(result.exitCode()).isNotZero();
            assertThat(result.lines()).first().asString().startsWith("stack: FAILED es-marketing: ");
            assertThat(listening(19202)).isFalse();
        } finally {
            stack.start("es-marketing");
        }
        assertThat(listening(19202)).isTrue();
    }

    private static Result run(LocalStack stack, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", stack.script().toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("MEMBER_STACK_HOME", stack.home().toString());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output.lines().toList());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
