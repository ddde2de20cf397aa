package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.core.BatchingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the outbound options of {@code socketway run} (command line or settings file) become {@link BatchingSettings}. */
class BatchingOptionsTest {
    @TempDir
    Path dir;

    private static BatchingSettings parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.batching.settings();
    }

    @Test
    void batchingIsOffByDefault() {
        assertThat(parse("template.yaml")).isEqualTo(BatchingSettings.OFF);
        assertThat(parse("template.yaml").windowed()).isFalse();
    }

    @Test
    void setsTheWindowAndTheMessageCount() {
        assertThat(parse("template.yaml", "--outbound-batch-window", "5ms", "--outbound-batch-messages", "32"))
                .isEqualTo(BatchingSettings.OFF.withOutbound(Duration.ofMillis(5), 32));
    }

    @Test
    void comesFromTheSettingsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("socketway.yaml"), """
                outbound-batch-window: 2ms
                outbound-batch-messages: 8
                invocation-batch: [sendMessage=16]
                """);
        CommandLine main = Main.commandLine();
        String[] args = SettingsFile.expand(new String[] {"run", "--settings", file.toString(), "app.yaml"},
                main.getSubcommands().get("run").getCommandSpec(), Map.of());
        RunCommand run = (RunCommand) main.parseArgs(args).subcommand().commandSpec().userObject();
        assertThat(run.batching.settings()).isEqualTo(new BatchingSettings(Duration.ofMillis(2), 8, Map.of("sendMessage", 16)));
    }

    @Test
    void badValuesNameTheOptionAndWhatWasExpected() {
        assertThatThrownBy(() -> parse("template.yaml", "--outbound-batch-window", "20s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--outbound-batch-window: PT20S (expected: 0 to 10s)");
        assertThatThrownBy(() -> parse("template.yaml", "--outbound-batch-window", "5ms",
                "--outbound-batch-messages", "0"))
                .hasMessage("--outbound-batch-messages: 0 (expected: >= 1)");
        assertThatThrownBy(() -> parse("template.yaml", "--invocation-batch", "sendMessage"))
                .hasMessage("--invocation-batch: sendMessage (expected: ROUTE=N, e.g. sendMessage=16)");
        assertThatThrownBy(() -> parse("template.yaml", "--invocation-batch", "sendMessage=1"))
                .hasMessage("--invocation-batch: sendMessage=1 (expected: ROUTE=N with N from 2 to 100)");
    }

    @Test
    void invocationBatchesAreListedByRoute() {
        assertThat(parse("template.yaml", "--invocation-batch", "sendMessage=16", "--invocation-batch", "$default=4")
                .invocationBatches()).containsExactly(Map.entry("sendMessage", 16), Map.entry("$default", 4));
    }
}
