package io.socketway.cli;

import java.io.PrintWriter;
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
final class CloseConnectionCommand extends ConnectionSubcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The connection id.")
    String connectionId;

    @Override
    int run(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        ok(client.delete(connectionId), client, connectionId);
        if (options.output == ManagementOptions.Output.TABLE) {
            out.println("Closed " + ConnectionPrinter.clean(connectionId) + ".");
        }
        return 0;
    }
}
