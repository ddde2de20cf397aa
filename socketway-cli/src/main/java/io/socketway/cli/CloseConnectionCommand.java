package io.socketway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code socketway connections close ID}: calls DeleteConnection; the client gets close 1000 and the connection's
 * {@code $disconnect} runs.
 *
 * <p>Not thread-safe: picocli fills and runs it on the calling thread.
 */
@Command(name = "close", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Closes one connection (DeleteConnection): the client gets close 1000, then $disconnect runs.")
final class CloseConnectionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The connection id.")
    String connectionId;

    @CommandLine.ParentCommand
    ConnectionsCommand parent;

    @CommandLine.Mixin
    ManagementOptions options = new ManagementOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return parent.execute(spec, options, this::close);
    }

    private int close(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        ManagementClient.Answer answer = client.delete(connectionId);
        if (!answer.ok()) {
            throw ManagementFailure.of(answer, client.endpoint(), connectionId, client.key());
        }
        if (options.output == ManagementOptions.Output.TABLE) {
            out.println("Closed " + ConnectionPrinter.clean(connectionId) + ".");
        }
        return 0;
    }
}
