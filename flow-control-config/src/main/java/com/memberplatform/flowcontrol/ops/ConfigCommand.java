package com.memberplatform.flowcontrol.ops;

import com.memberplatform.flowcontrol.client.ConfigPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The configuration commands, a one-shot run of the ops service (deploy/ops/member-config.sh wraps it):
 * <ul>
 * <li>{@code validate --document=NAME --file=PATH}: parses the file as the services would; exit 2 with the reason;</li>
 * <li>{@code publish --document=NAME --file=PATH --operator=WHO --reason=WHY}: validates, then publishes it to every
 * instance and records the change (who, when, why, before, after); an invalid file changes nothing;</li>
 * <li>{@code show --document=NAME}: the document in force;</li>
 * <li>{@code history [--document=NAME] [--limit=N]}: the recorded changes, newest first.</li>
 * </ul>
 * Exit 0 when done, 2 for a refused document or bad arguments, 1 when the config Redis cannot be reached.
 */
public final class ConfigCommand implements ApplicationRunner {

    private final String command;
    private final ConfigPublisher publisher;
    private final ConfigurableApplicationContext context;

    public ConfigCommand(String command, ConfigPublisher publisher, ConfigurableApplicationContext context) {
        this.command = command;
        this.publisher = publisher;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int exit;
        try {
            exit = switch (command) {
                case "validate" -> validate(args) == null ? 2 : 0;
                case "publish" -> publish(args);
                case "show" -> show(args);
                case "history" -> history(args);
                default -> refuse("unknown command '" + command + "' (validate | publish | show | history)");
            };
        } catch (IllegalArgumentException e) {
            exit = refuse(e.getMessage());
        } catch (org.redisson.client.RedisException e) {
            System.err.println("the config Redis cannot be reached: " + e.getClass().getSimpleName());
            exit = 1;
        }
        int code = exit;
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }

    /** The file's text if the document's parser accepts it; else prints why and returns null. */
    private String validate(ApplicationArguments args) {
        ConfigDocuments.Document document = ConfigDocuments.named(required(args, "document"));
        String json;
        try {
            json = Files.readString(Path.of(required(args, "file")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the file: " + e.getMessage());
        }
        List<String> problems = document.problems(json);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("refused: " + problem));
            return null;
        }
        System.out.println("valid " + document.channel().document() + " document");
        return json;
    }

    private int publish(ApplicationArguments args) {
        String operator = required(args, "operator");
        String reason = required(args, "reason");
        String json = validate(args);
        if (json == null) {
            System.err.println("nothing was published");
            return 2;
        }
        ConfigPublisher.Published published = publisher.publish(ConfigDocuments.named(required(args, "document")).channel(), json,
                operator, reason);
        System.out.printf("published %s at %s by %s; %d instance(s) received it at once%n", published.change().document(),
                published.change().at(), operator, published.receivers());
        return 0;
    }

    private int show(ApplicationArguments args) {
        String current = publisher.current(ConfigDocuments.named(required(args, "document")).channel());
        System.out.println(current == null ? "(never published: the services use the bundled document)" : current);
        return 0;
    }

    private int history(ApplicationArguments args) {
        String document = option(args, "document");
        if (document != null) {
            ConfigDocuments.named(document);
        }
        int limit = Integer.parseInt(option(args, "limit") == null ? "20" : option(args, "limit"));
        for (ConfigPublisher.Change change : publisher.history(document, limit)) {
            System.out.printf("%s %s by %s: %s%n  before: %s%n  after:  %s%n", change.at(), change.document(), change.operator(),
                    change.reason(), change.before().isEmpty() ? "(bundled)" : oneLine(change.before()), oneLine(change.after()));
        }
        return 0;
    }

    private static String oneLine(String json) {
        return json.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private static int refuse(String reason) {
        System.err.println(reason);
        return 2;
    }

    private static String required(ApplicationArguments args, String name) {
        String value = option(args, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
