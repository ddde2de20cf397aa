package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.core.BinaryEnvelope;
import io.socketway.core.Limits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A YAML settings file sets whatever {@code socketway run}'s options set; the command line wins. */
class SettingsFileTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("socketway.yaml"), yaml);
    }

    private static RunCommand parse(Map<String, String> environment, String... args) {
        CommandLine main = Main.commandLine();
        String[] expanded = SettingsFile.expand(args, main.getSubcommands().get("run").getCommandSpec(), environment);
        return (RunCommand) main.parseArgs(expanded).subcommand().commandSpec().userObject();
    }

    @Test
    void everyKindOfOptionComesFromTheFile() throws Exception {
        Path file = write("""
                template: app.yaml
                host: 0.0.0.0
                port: 8443
                idle-timeout: 30s
                parameter-overrides:
                  Stage: prod
                  Table: chat
                cluster:
                  - redis://10.0.0.1:6379
                  - redis://10.0.0.2:6379
                cluster-key: [k2:%s, k1:%s]
                insecure-management: true
                cluster-no-encryption: false
                """.formatted("A".repeat(44), "B".repeat(44)));
        RunCommand run = parse(Map.of(), "run", "--settings", file.toString());
        assertThat(run.template).isEqualTo(Path.of("app.yaml"));
        assertThat(run.host).isEqualTo("0.0.0.0");
        assertThat(run.port).isEqualTo(8443);
        assertThat(run.idleTimeout).isEqualTo(Duration.ofSeconds(30));
        assertThat(run.parameterOverrides).containsExactly("Stage=prod", "Table=chat");
        assertThat(run.cluster.uris).containsExactly(URI.create("redis://10.0.0.1:6379"),
                URI.create("redis://10.0.0.2:6379"));
        assertThat(run.cluster.keys).hasSize(2).first().asString().startsWith("k2:");
        assertThat(run.security.insecureManagement).isTrue();
        assertThat(run.cluster.noEncryption).isFalse();
    }

    @Test
    void compressionSettingsComeFromTheFile() throws Exception {
        Path file = write("""
                template: app.yaml
                permessage-deflate: true
                deflate-threshold-bytes: 256
                deflate-no-context-takeover: true
                """);
        RunCommand run = parse(Map.of(), "run", "--settings", file.toString());
        assertThat(run.permessageDeflate).isTrue();
        assertThat(run.deflateThresholdBytes).isEqualTo(256);
        assertThat(run.deflateNoContextTakeover).isTrue();
        RunCommand defaults = parse(Map.of(), "run", "app.yaml");
        assertThat(defaults.deflateThresholdBytes).isZero();
        assertThat(defaults.deflateNoContextTakeover).isFalse();
    }

    @Test
    void theCommandLineWinsOverTheFile() throws Exception {
        Path file = write("""
                template: from-file.yaml
                port: 8443
                cluster: [redis://file:6379]
                """);
        RunCommand run = parse(Map.of(), "run", "cli.yaml", "--settings=" + file, "--port", "9000",
                "--cluster", "redis://cli:6379");
        assertThat(run.template).isEqualTo(Path.of("cli.yaml"));
        assertThat(run.port).isEqualTo(9000);
        assertThat(run.cluster.uris).containsExactly(URI.create("redis://cli:6379"));
    }

    @Test
    void theEnvironmentNamesTheFileWhenTheCommandLineDoesNot() throws Exception {
        Path file = write("template: app.yaml\nport: 7000\n");
        RunCommand run = parse(Map.of(SettingsFile.ENVIRONMENT, file.toString()), "run");
        assertThat(run.port).isEqualTo(7000);
        assertThat(run.template).isEqualTo(Path.of("app.yaml"));
    }

    @Test
    void theBinaryEnvelopeComesFromTheFileAndTurnsBinaryMessagesOn() throws Exception {
        Path file = write("template: app.yaml\nbinary-envelope: protobuf\n");
        RunCommand run = parse(Map.of(), "run", "--settings", file.toString());
        assertThat(run.limits().binaryEnvelope()).isEqualTo(BinaryEnvelope.PROTOBUF);
        assertThat(run.limits().binaryMessages()).isTrue();
        assertThat(parse(Map.of(), "run", "app.yaml").limits()).isEqualTo(Limits.DEFAULT);
        assertThat(parse(Map.of(), "run", "app.yaml", "--binary-envelope", "PROTOBUF").limits().binaryEnvelope())
                .isEqualTo(BinaryEnvelope.PROTOBUF);
        Path bad = write("template: app.yaml\nbinary-envelope: json\n");
        assertThatThrownBy(() -> parse(Map.of(), "run", "--settings", bad.toString()))
                .hasMessageContaining("--binary-envelope").hasMessageContaining("json (expected: none or protobuf)");
    }

    @Test
    void errorsNameTheFileTheLineAndTheKey() throws Exception {
        Path file = write("port: 8080\nprot: 9090\n");
        assertThatThrownBy(() -> parse(Map.of(), "run", "t.yaml", "--settings", file.toString()))
                .hasMessage(file + ":2: prot (expected: one of template or the long options of `socketway run`"
                        + " without their dashes, such as port or cluster; see socketway run --help)");
        Path flag = write("template: t.yaml\ninsecure-management: yes please\n");
        assertThatThrownBy(() -> parse(Map.of(), "run", "--settings", flag.toString()))
                .hasMessageStartingWith(flag + ":2: insecure-management: yes please (expected: true or false)");
        Path list = write("- port\n");
        assertThatThrownBy(() -> parse(Map.of(), "run", "--settings", list.toString()))
                .hasMessageContaining(":1: the whole file (expected: a mapping of setting names to values)");
    }

    @Test
    void theCommandExitsWithStatusTwoAndNoStackTrace() throws Exception {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("missing.yaml");
        CommandLine main = Main.commandLine().setErr(new PrintWriter(err, true));
        int status = Main.execute(Map.of(), main, "run", "--settings", missing.toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("socketway: --settings: " + missing + " (expected: a readable YAML file")
                .doesNotContain("\tat ");
    }
}
