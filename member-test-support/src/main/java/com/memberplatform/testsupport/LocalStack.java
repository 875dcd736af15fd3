package com.memberplatform.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The local stack of real servers, as integration tests see it. The first use in a JVM runs
 * {@code deploy/local/stack.sh up --servers-only} (which reuses whatever already runs) and names the Maven process as
 * owner, so the servers this build started stop when the build ends, however it ends. Tests get the endpoints from
 * {@link #endpoints()} and drive faults with {@link #stop(String)} / {@link #start(String)}, {@link #freeze(String)} /
 * {@link #thaw(String)} and, for all servers of a store at once, {@link #stopStore(String)} / {@link #startStore(String)}.
 */
public final class LocalStack {

    /** Server names, as {@code stack.sh} knows them. */
    public static final List<String> SERVERS = List.of("mariadb-a-master", "mariadb-a-replica", "mariadb-b-replica",
            "redis-a", "redis-b", "redis-config", "redis-a-cluster-1", "redis-a-cluster-2", "redis-a-cluster-3",
            "redis-b-cluster-1", "redis-b-cluster-2", "redis-b-cluster-3", "es-primary", "es-backup", "es-marketing", "rocketmq-namesrv",
            "rocketmq-broker", "legacy-h2");

    /**
     * The servers behind each store, by the name of the store's health entry in the services; in the order they
     * start in (a replica after its master, the broker after the name server).
     */
    public static final Map<String, List<String>> STORES = Map.of(
            "mysql", List.of("mariadb-a-master", "mariadb-a-replica", "mariadb-b-replica"),
            "redis", List.of("redis-a", "redis-b"),
            "configRedis", List.of("redis-config"),
            "elasticsearch", List.of("es-primary", "es-backup", "es-marketing"),
            "rocketmq", List.of("rocketmq-namesrv", "rocketmq-broker"),
            "legacy", List.of("legacy-h2"));

    private static LocalStack instance;

    private final Path repoRoot;
    private final Path stackHome;
    private final Properties endpoints;

    private LocalStack(Path repoRoot, Path stackHome, Properties endpoints) {
        this.repoRoot = repoRoot;
        this.stackHome = stackHome;
        this.endpoints = endpoints;
    }

    /** The running stack; starts it on first use in this JVM. */
    public static synchronized LocalStack get() {
        if (instance == null) {
            Path root = findRepoRoot();
            Path home = Optional.ofNullable(System.getenv("MEMBER_STACK_HOME")).map(Path::of).orElse(root.resolve(".stack"));
            run(root, home, "up", "--servers-only", "--owner-pid", Long.toString(owner().pid()));
            instance = new LocalStack(root, home, load(home.resolve("stack.properties")));
        }
        return instance;
    }

    /** Every {@code member.*} endpoint the stack wrote, as Spring properties (what the services read). */
    public Properties endpoints() {
        Properties copy = new Properties();
        copy.putAll(endpoints);
        return copy;
    }

    public String endpoint(String key) {
        String value = endpoints.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("the stack wrote no endpoint " + key);
        }
        return value;
    }

    /** Stops one server by its PID (see {@link #SERVERS}); returns once it is gone. */
    public void stop(String server) {
        run(repoRoot, stackHome, "stop", requireKnown(server));
    }

    /** Starts one server again and returns once it is ready. */
    public void start(String server) {
        run(repoRoot, stackHome, "start", requireKnown(server));
    }

    /** SIGSTOP: the server keeps its port and accepts connections but answers nothing until {@link #thaw}. */
    public void freeze(String server) {
        run(repoRoot, stackHome, "freeze", requireKnown(server));
    }

    /** SIGCONT: a frozen server answers again. */
    public void thaw(String server) {
        run(repoRoot, stackHome, "thaw", requireKnown(server));
    }

    /** Stops every server of a store (see {@link #STORES}), the last-starting first. */
    public void stopStore(String store) {
        List<String> servers = new java.util.ArrayList<>(serversOf(store));
        java.util.Collections.reverse(servers);
        servers.forEach(this::stop);
    }

    /** Starts every server of a store again, in order, and returns once each is ready. */
    public void startStore(String store) {
        serversOf(store).forEach(this::start);
    }

    private static List<String> serversOf(String store) {
        List<String> servers = STORES.get(store);
        if (servers == null) {
            throw new IllegalArgumentException("unknown store " + store + "; known: " + STORES.keySet());
        }
        return servers;
    }

    /** Creates (or finds current) a sharded schema of another shape beside the stack's own. */
    public void shardSchema(int databases, int tablesPerDatabase, String databasePrefix) {
        run(repoRoot, stackHome, "schema", Integer.toString(databases), Integer.toString(tablesPerDatabase), databasePrefix);
    }

    public Path home() {
        return stackHome;
    }

    /** What an operator command printed (stdout and stderr) and how it exited. */
    public record OpsRun(int exit, String output) {
    }

    /** Runs an operator script of deploy/ops (e.g. {@code member-ops.sh}) against this stack, as ops would. */
    public OpsRun ops(String script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", repoRoot.resolve("deploy/ops").resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MEMBER_STACK_HOME", stackHome.toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new OpsRun(process.waitFor(), output);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The stack script, for tests of the script itself. */
    public Path script() {
        return repoRoot.resolve("deploy/local/stack.sh");
    }

    private static String requireKnown(String server) {
        if (!SERVERS.contains(server)) {
            throw new IllegalArgumentException("unknown server " + server + "; known: " + SERVERS);
        }
        return server;
    }

    /**
     * The process whose end should stop what this build started: the Maven JVM that forked this test JVM (found by
     * its launcher class), else this JVM's parent.
     */
    private static ProcessHandle owner() {
        String pinned = System.getenv("MEMBER_STACK_OWNER_PID");
        if (pinned != null) {
            return ProcessHandle.of(Long.parseLong(pinned)).orElseThrow();
        }
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        while (ancestor.isPresent()) {
            String commandLine = ancestor.get().info().commandLine().orElse("");
            if (commandLine.contains("org.codehaus.plexus.classworlds.launcher.Launcher")) {
                return ancestor.get();
            }
            ancestor = ancestor.get().parent();
        }
        return ProcessHandle.current().parent().orElse(ProcessHandle.current());
    }

    private static Path findRepoRoot() {
        String configured = System.getProperty("member.repo.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/stack.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("deploy/local/stack.sh not found above " + start);
    }

    private static void run(Path root, Path home, String... args) {
        Path log = home.resolve("logs").resolve("harness.log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder();
            builder.command().add("bash");
            builder.command().add(root.resolve("deploy/local/stack.sh").toString());
            builder.command().addAll(List.of(args));
            builder.environment().put("MEMBER_STACK_HOME", home.toString());
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("stack.sh " + String.join(" ", args) + " did not finish in 20 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("stack.sh " + String.join(" ", args) + " failed:\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the stack wrote no " + file, e);
        }
        return properties;
    }
}
