package io.socketway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What every {@code socketway connections} subcommand shares: the management options, the parent that runs it and
 * turns failures into exit codes, and the check that an answer succeeded.
 *
 * <p>Not thread-safe: picocli fills and runs a subcommand on the calling thread.
 */
abstract class ConnectionSubcommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    ConnectionsCommand parent;

    @CommandLine.Mixin
    ManagementOptions options = new ManagementOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        return parent.execute(spec, options, this::run);
    }

    /** Does the subcommand's work; returns the exit status. */
    abstract int run(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure;

    /** Returns {@code answer} when it succeeded; otherwise throws the failure that explains it. */
    static ManagementClient.Answer ok(ManagementClient.Answer answer, ManagementClient client, String connectionId)
            throws ManagementFailure {
        if (!answer.ok()) {
            throw ManagementFailure.of(answer, client.endpoint(), connectionId, client.key());
        }
        return answer;
    }
}
