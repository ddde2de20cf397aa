package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.netty.LocalCertificates;
import io.socketway.netty.TlsSettings;
import io.socketway.netty.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the TLS options of {@code socketway run} become {@link TlsSettings}. */
class TlsOptionsTest {
    @TempDir
    Path dir;

    private LocalCertificates.Issued issued;

    @BeforeEach
    void issue() {
        issued = LocalCertificates.issue(dir, LocalCertificates.DEFAULT_HOSTS, 30);
    }

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void noTlsOptionsMeansNoTls() {
        assertThat(parse("template.yaml").tls).isNull();
    }

    @Test
    void certAndKeyGiveTls13WithDefaults() {
        RunCommand run = parse("template.yaml", "--tls-cert", issued.certificateFile().toString(),
                "--tls-key", issued.keyFile().toString());
        TlsSettings settings = run.tls.settings();
        assertThat(settings.keyMaterial()).isEqualTo(new TlsSettings.PemFiles(issued.certificateFile(),
                issued.keyFile(), Optional.empty()));
        assertThat(settings.minVersion()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(settings.reloadInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void minVersionAndReloadIntervalAreApplied() {
        RunCommand run = parse("template.yaml", "--tls-cert", issued.certificateFile().toString(),
                "--tls-key", issued.keyFile().toString(), "--tls-min-version", "1.2", "--tls-reload-interval", "0s");
        assertThat(run.tls.settings().minVersion()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(run.tls.settings().reloadInterval()).isZero();
        assertThatThrownBy(() -> parse("template.yaml", "--tls-min-version", "1.1"))
                .hasMessageContaining("TLS version: 1.1 (expected: 1.2 or 1.3)");
    }

    @Test
    void pkcs12TakesItsPassword() {
        RunCommand run = parse("template.yaml", "--tls-pkcs12", issued.trustStoreFile().toString(),
                "--tls-pkcs12-password", "changeit");
        assertThat(run.tls.settings().keyMaterial())
                .isEqualTo(new TlsSettings.Pkcs12File(issued.trustStoreFile(), "changeit"));
    }

    @Test
    void incompleteOrConflictingOptionsAreExplained() {
        String cert = issued.certificateFile().toString();
        assertThatThrownBy(() -> parse("t.yaml", "--tls-cert", cert).tls.settings())
                .hasMessage("--tls-key: missing (expected: the private key of --tls-cert " + cert + ")");
        assertThatThrownBy(() -> parse("t.yaml", "--tls-min-version", "1.2").tls.settings())
                .hasMessageStartingWith("--tls-cert: missing");
        assertThatThrownBy(() -> parse("t.yaml", "--tls-cert", cert, "--tls-key", cert, "--tls-pkcs12", cert)
                        .tls.settings())
                .hasMessageContaining("expected: either --tls-pkcs12, or --tls-cert with --tls-key, not both");
    }
}
