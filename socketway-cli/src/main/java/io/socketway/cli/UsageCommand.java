package io.socketway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code socketway usage}: fetches a running gateway's usage report ({@code GET /_socketway/usage}, every stage) and
 * prints it as tables, or as the JSON it came as. Signs like {@code socketway connections} and shares its exit codes.
 *
 * <p>Not thread-safe: picocli fills and runs it on the calling thread.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows what a running gateway metered (messages in 32 KB units, connection-minutes, Lambda"
                + " requests and GB-seconds, bytes) since it first started, per stage, route and hour, and what the"
                + " same traffic would have cost on AWS. The report covers every stage; only the host of --endpoint"
                + " is used.")
final class UsageCommand implements Callable<Integer> {
    static final String PATH = "/_socketway/usage";

    private final ConnectionsCommand runner;

    @CommandLine.Mixin
    ManagementOptions options = new ManagementOptions();

    @Option(names = "--hours", paramLabel = "N", defaultValue = "24",
            description = "Show the hours with traffic among the last N (default: ${DEFAULT-VALUE}).")
    int hours;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs with the environment (credentials) of {@code runner}. */
    UsageCommand(ConnectionsCommand runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() {
        return runner.execute(spec, options, this::show);
    }

    private int show(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        if (hours < 1) {
            throw new IllegalArgumentException("--hours: " + hours + " (expected: 1 or more)");
        }
        ManagementClient.Answer answer = client.page(PATH);
        if (answer.status() == 404) {
            throw ManagementFailure.unexpected(client.endpoint(), "no usage report at " + PATH
                    + " (the gateway runs with --no-usage, or is not Socketway)");
        }
        if (!answer.ok()) {
            throw ManagementFailure.of(answer, client.endpoint(), "", client.key());
        }
        JsonNode report = ConnectionPrinter.parse(answer, client);
        if (options.output == ManagementOptions.Output.JSON) {
            out.println(ConnectionPrinter.pretty(report));
        } else {
            UsagePrinter.print(report, hours, out);
        }
        return 0;
    }
}
