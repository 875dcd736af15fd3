package com.memberplatform.sync.replication;

import com.memberplatform.api.topology.Store;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --member.ops.command=rebuild --cluster=primary|backup|marketing [--from=ID] [--to=ID] [--page=N]}: a one-shot
 * run of the sync service (deploy/ops/member-ops.sh rebuild wraps it) that re-indexes the cluster, or the member ids
 * from..to (both included), from MySQL. Prints progress every few seconds and a last line to resume from. Exit 0 when
 * done, 1 when the cluster stayed unreachable, 2 for bad arguments.
 */
public final class RebuildCommand implements ApplicationRunner {

    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final SearchRebuild rebuild;
    private final ConfigurableApplicationContext context;

    public RebuildCommand(SearchRebuild rebuild, ConfigurableApplicationContext context) {
        this.rebuild = rebuild;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        int exit = rebuild(args);
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> exit));
    }

    private int rebuild(ApplicationArguments args) throws InterruptedException {
        Store cluster;
        long from;
        long to;
        int page;
        try {
            cluster = Store.searchCluster(option(args, "cluster", "").toUpperCase(Locale.ROOT));
            from = Long.parseLong(option(args, "from", "1"));
            to = Long.parseLong(option(args, "to", Long.toString(Long.MAX_VALUE)));
            page = Integer.parseInt(option(args, "page", "500"));
        } catch (IllegalArgumentException e) {
            System.err.println("usage: rebuild --cluster=primary|backup|marketing [--from=ID] [--to=ID] [--page=N]");
            return 2;
        }
        if (from < 1 || to < from || page < 1 || page > 5_000) {
            System.err.println("need 1 <= from <= to and 1 <= page <= 5000");
            return 2;
        }
        System.out.printf("rebuilding %s from MySQL, member ids %d..%d%n", cluster.clusterName().toLowerCase(Locale.ROOT), from, to);
        long[] lastPrint = {System.nanoTime()};
        try {
            SearchRebuild.Report report = rebuild.run(cluster, from - 1, to, page, progress -> {
                if (System.nanoTime() - lastPrint[0] >= PROGRESS_EVERY_NANOS) {
                    lastPrint[0] = System.nanoTime();
                    System.out.println(render(progress));
                }
            });
            System.out.println(render(report));
            System.out.println("done");
            return 0;
        } catch (TargetUnavailableException e) {
            System.err.println("stopped: " + e.getMessage());
            return 1;
        }
    }

    private static String render(SearchRebuild.Report report) {
        return String.format(Locale.ROOT, "%,d members (%.0f/s), %,d documents written, %,d already newer, %,d stale keys "
                        + "removed; last member id %d (resume with --from=%d)", report.members(), report.membersPerSecond(),
                report.written(), report.alreadyNewer(), report.staleDeleted(), report.lastMemberId(), report.lastMemberId() + 1);
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
