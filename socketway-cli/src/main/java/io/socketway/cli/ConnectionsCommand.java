package io.socketway.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code socketway connections list|get|send|close}: operates the connections of a running gateway, local or remote,
 * through its {@code @connections} API. The subcommands share {@link ManagementOptions} and {@link #execute}, which
 * turns every failure into one line on standard error and an exit status from {@link #EXIT_CODES}.
 *
 * <p>Holds what the subcommands read from the process (environment, standard input, whether a person is watching)
 * so that tests can supply their own. Not thread-safe: picocli runs one command on the calling thread.
 */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = "Lists, inspects, messages and closes the connections of a running gateway, local or remote,"
                + " through its @connections API (--endpoint http://HOST:PORT/STAGE), signed with --access-key"
                + " ID:SECRET when the gateway has keys.",
        subcommands = {
            ListConnectionsCommand.class, GetConnectionCommand.class, SendCommand.class, CloseConnectionCommand.class
        })
final class ConnectionsCommand implements Runnable {

    /** Exit statuses of every {@code socketway connections} command, as {@code --help} lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    @CommandLine.Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final InputStream stdin;
    private final boolean interactive;

    /** Reads the process's environment and standard input. */
    ConnectionsCommand() {
        this(System.getenv(), System.in, interactiveTerminal());
    }

    /**
     * Uses the given environment (for credentials), standard input (for {@code send -}) and whether progress may be
     * drawn on standard error.
     */
    ConnectionsCommand(Map<String, String> environment, InputStream stdin, boolean interactive) {
        this.environment = Map.copyOf(environment);
        this.stdin = stdin;
        this.interactive = interactive;
    }

    /** Returns this command's command line, with the exit statuses in the help of it and every subcommand. */
    static CommandLine commandLine(ConnectionsCommand command) {
        CommandLine line = new CommandLine(command);
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
        line.getSubcommands().values().forEach(sub ->
                sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES));
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What a subcommand does with a client; returns the exit status. */
    @FunctionalInterface
    interface Call {
        int run(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure;
    }

    /** Runs {@code call} with a client for {@code options}; prints any failure as one line and returns its status. */
    int execute(CommandSpec command, ManagementOptions options, Call call) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            return call.run(options.client(environment), out, err);
        } catch (IllegalArgumentException e) {
            err.println("socketway: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (ManagementFailure e) {
            err.println("socketway: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Returns standard input, for {@code send ID -}. */
    InputStream stdin() {
        return stdin;
    }

    /** Tells whether a person watches the terminal, so that progress may be drawn on standard error. */
    boolean interactive() {
        return interactive;
    }

    /** True when the JVM has a console that is a terminal (JDK 22+ returns a console even when redirected). */
    private static boolean interactiveTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done");
        codes.put("1", "the gateway refused the call (too large, throttled, not a Socketway endpoint, ...)");
        codes.put("2", "invalid options");
        codes.put("3", "the connection ID is gone (410 GoneException)");
        codes.put("4", "not authorized (403: unsigned, wrong key or region, key not allowed, unknown stage)");
        codes.put("5", "cannot reach the gateway (refused, unknown host, timeout, TLS)");
        return Collections.unmodifiableMap(codes);
    }
}
