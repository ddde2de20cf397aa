package io.socketway.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the {@code socketway} command. */
@Command(
        name = "socketway",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "A self-hosted, AWS-compatible serverless WebSocket gateway.",
            "Serves the WebSocket API of a SAM/CloudFormation template: routes, Java Lambda handlers in-process,",
            "functions over HTTP, and the @connections management API."
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status. {@code socketway run ...} builds only the {@code run} command:
     * picocli reads every option's annotations when a command is added, and the operator commands cost about 60-90 ms
     * of a one-core start (BENCHMARKS.md, start-up).
     */
    public static void main(String[] args) {
        CommandLine commandLine = args.length > 0 && args[0].equals("run") ? runCommandLine() : commandLine();
        System.exit(execute(System.getenv(), commandLine, args));
    }

    /**
     * Runs the command line with {@code socketway run}'s settings file (if any) expanded into arguments, and returns
     * the exit status: 2 when the settings file cannot be used.
     */
    static int execute(Map<String, String> environment, CommandLine commandLine, String... args) {
        String[] expanded;
        try {
            expanded = SettingsFile.expand(args, commandLine.getSubcommands().get("run").getCommandSpec(),
                    environment);
        } catch (IllegalArgumentException e) {
            commandLine.getErr().println("socketway: " + e.getMessage());
            return 2;
        }
        return commandLine.execute(expanded);
    }

    /** Returns the configured command line (also used by tests). */
    public static CommandLine commandLine() {
        return commandLine(new ConnectionsCommand());
    }

    /** Returns the command line with {@code connections} reading its environment and input from {@code connections}. */
    static CommandLine commandLine(ConnectionsCommand connections) {
        return new CommandLine(new Main())
                .addSubcommand(new RunCommand())
                .addSubcommand(new CertCommand())
                .addSubcommand(ConnectionsCommand.commandLine(connections))
                .addSubcommand(usageCommandLine(connections))
                .addSubcommand(new CommandLine.HelpCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Returns the command line with {@code run} as its only command. */
    static CommandLine runCommandLine() {
        return new CommandLine(new Main())
                .addSubcommand(new RunCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static CommandLine usageCommandLine(ConnectionsCommand connections) {
        CommandLine line = new CommandLine(new UsageCommand(connections));
        // the report covers every stage: the shared --stage option means nothing here
        line.getCommandSpec().remove(line.getCommandSpec().findOption("--stage"));
        line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ConnectionsCommand.EXIT_CODES);
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"socketway " + (v == null ? "development build" : v)};
        }
    }
}
