package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.core.FunctionHttpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the options for functions over HTTP become {@link FunctionHttpSettings}, from the command line or a file. */
class FunctionHttpOptionsTest {

    private static FunctionHttpSettings parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.functionHttp.settings();
    }

    @Test
    void defaultsAreThePooledNettyClient() {
        assertThat(parse("template.yaml")).isEqualTo(FunctionHttpSettings.DEFAULT);
    }

    @Test
    void setsTheClientPoolAndLimits() {
        FunctionHttpSettings settings = parse("template.yaml", "--function-http-client", "JDK",
                "--function-http-pool-size", "8", "--function-http-max-pending", "16",
                "--function-http-idle-timeout", "5s", "--function-http-max-response-bytes", "1024");
        assertThat(settings).isEqualTo(new FunctionHttpSettings(FunctionHttpSettings.Client.JDK, 8, 16,
                Duration.ofSeconds(5), FunctionHttpSettings.DEFAULT.connectTimeout(), 1024));
    }

    @Test
    void namesABadValue() {
        assertThatThrownBy(() -> parse("template.yaml", "--function-http-client", "curl"))
                .hasMessage("--function-http-client: curl (expected: netty or jdk)");
        assertThatThrownBy(() -> parse("template.yaml", "--function-http-pool-size", "0"))
                .hasMessage("--function-http-pool-size: 0 (expected: >= 1)");
    }

    @Test
    void comesFromTheSettingsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("socketway.yaml"), """
                template: app.yaml
                function-http-pool-size: 32
                function-http-idle-timeout: 2m
                """);
        CommandLine main = Main.commandLine();
        String[] args = SettingsFile.expand(new String[] {"run", "--settings", file.toString()},
                main.getSubcommands().get("run").getCommandSpec(), Map.of());
        RunCommand run = (RunCommand) main.parseArgs(args).subcommand().commandSpec().userObject();
        assertThat(run.functionHttp.settings().maxConnectionsPerOrigin()).isEqualTo(32);
        assertThat(run.functionHttp.settings().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }
}
