package io.socketway.cli;

import java.io.PrintWriter;
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
final class GetConnectionCommand extends ConnectionSubcommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The connection id, e.g. TXzPWdnOjoECGjA=.")
    String connectionId;

    @Override
    int run(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        ManagementClient.Answer answer = ok(client.get(connectionId), client, connectionId);
        ConnectionPrinter.one(connectionId, ConnectionPrinter.parse(answer, client), options.output, out);
        return 0;
    }
}
