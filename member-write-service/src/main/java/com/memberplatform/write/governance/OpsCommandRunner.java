package com.memberplatform.write.governance;

import com.memberplatform.api.domain.MemberId;
import com.memberplatform.write.commands.CommandResult;
import com.memberplatform.write.commands.MemberCommands;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator commands, run as a one-shot of the write service (deploy/ops/member-ops.sh wraps it):
 * <ul>
 * <li>{@code --member.ops.command=audit [--buckets=N]}: prints the anomaly report; exits 3 when it found any;</li>
 * <li>{@code --member.ops.command=quarantine --members=ID,ID --operator=NAME --reason=TEXT}: freezes those members,
 * each with an audit-trail row and a change event; {@code release} undoes it.</li>
 * </ul>
 */
public final class OpsCommandRunner implements ApplicationRunner {

    private final String command;
    private final MemberAudit audit;
    private final MemberCommands commands;
    private final ConfigurableApplicationContext context;

    public OpsCommandRunner(String command, MemberAudit audit, MemberCommands commands, ConfigurableApplicationContext context) {
        this.command = command;
        this.audit = audit;
        this.commands = commands;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exit = switch (command) {
            case "audit" -> audit(args);
            case "quarantine", "release" -> quarantine(args, command.equals("quarantine"));
            default -> {
                System.err.println("unknown ops command '" + command + "' (audit | quarantine | release)");
                yield 2;
            }
        };
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> exit));
    }

    private int audit(ApplicationArguments args) {
        int buckets = Integer.parseInt(option(args, "buckets", "1"));
        AuditReport report = audit.run(buckets);
        System.out.print(report.render());
        return report.findings().isEmpty() ? 0 : 3;
    }

    private int quarantine(ApplicationArguments args, boolean freeze) {
        String operator = option(args, "operator", null);
        String reason = option(args, "reason", null);
        String members = option(args, "members", null);
        if (operator == null || reason == null || members == null) {
            System.err.println("--members=ID,ID --operator=NAME --reason=TEXT are required");
            return 2;
        }
        List<MemberId> ids = Arrays.stream(members.split(",")).map(String::trim).map(MemberId::parse).toList();
        int failed = 0;
        for (MemberId id : ids) {
            CommandResult result = freeze ? commands.quarantine(id, operator, reason) : commands.releaseFromQuarantine(id, operator, reason);
            String outcome = result.conflicted() ? "CONCURRENT_MODIFICATION" : result.rejection().map(Enum::name)
                    .orElse(result.changed() ? (freeze ? "FROZEN" : "RELEASED") : "ALREADY " + (freeze ? "FROZEN" : "ACTIVE"));
            System.out.println(id + " " + outcome);
            failed += result.member().isEmpty() ? 1 : 0;
        }
        return failed == 0 ? 0 : 1;
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
