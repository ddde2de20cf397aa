package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.core.BinaryEnvelope;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line {@code main} builds for {@code socketway run ...}: the {@code run} command alone. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void theRunOnlyCommandLineHasTheSameRunCommandAsTheFullOne() {
        CommandLine full = Main.commandLine();
        CommandLine runOnly = Main.runCommandLine();
        assertThat(runOnly.getSubcommands()).containsOnlyKeys("run");
        assertThat(full.getSubcommands()).containsKeys("run", "cert", "connections", "usage", "help");
        assertThat(runOnly.getSubcommands().get("run").getUsageMessage())
                .isEqualTo(full.getSubcommands().get("run").getUsageMessage())
                .startsWith("Usage: socketway run ");
    }

    @Test
    void theRunOnlyCommandLineReadsSettingsFiles() throws Exception {
        Path settings = Files.writeString(dir.resolve("socketway.yaml"), "port: 8443\nbinary-envelope: PROTOBUF\n");
        CommandLine runOnly = Main.runCommandLine();
        String[] args = SettingsFile.expand(new String[] {"run", "app.yaml", "--settings", settings.toString()},
                runOnly.getSubcommands().get("run").getCommandSpec(), Map.of());
        RunCommand run = (RunCommand) runOnly.parseArgs(args).subcommand().commandSpec().userObject();
        assertThat(run.template).isEqualTo(Path.of("app.yaml"));
        assertThat(run.port).isEqualTo(8443);
        assertThat(run.binaryEnvelope).isEqualTo(BinaryEnvelope.PROTOBUF);
    }

    @Test
    void aBadSettingsFileExitsWithStatusTwoOnTheRunOnlyCommandLine() {
        StringWriter err = new StringWriter();
        CommandLine runOnly = Main.runCommandLine().setErr(new PrintWriter(err, true));
        Path missing = dir.resolve("missing.yaml");
        assertThat(Main.execute(Map.of(), runOnly, "run", "--settings", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("socketway: --settings: " + missing);
    }
}
