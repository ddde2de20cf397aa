package io.socketway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code socketway connections get ID}: prints GetConnection's answer (connected at, last active at, source IP, user
 * agent) as a table or as the API's JSON.
 *
 * <p>Not thread-safe: picocli fills and runs it on the calling thread.
 */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Shows one connection (GetConnection): connected at, last active at, source IP, user agent.")
final class GetConnectionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The connection id, e.g. TXzPWdnOjoECGjA=.")
    String connectionId;

    @CommandLine.ParentCommand
    ConnectionsCommand parent;

    @CommandLine.Mixin
    ManagementOptions options = new ManagementOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return parent.execute(spec, options, this::get);
    }

    private int get(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        ManagementClient.Answer answer = client.get(connectionId);
        if (!answer.ok()) {
            throw ManagementFailure.of(answer, client.endpoint(), connectionId, client.key());
        }
        ConnectionPrinter.one(connectionId, ConnectionPrinter.parse(answer, client), options.output, out);
        return 0;
    }
}
