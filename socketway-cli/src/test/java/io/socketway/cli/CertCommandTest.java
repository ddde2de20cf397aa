package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code socketway cert}, run through picocli as {@code main} would. */
class CertCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesAuthorityAndCertificateAndExplainsTrust() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(run("cert", "--dir", certs.toString(), "--hosts", "localhost,127.0.0.1,::1,api.local.test",
                "--days", "30")).isZero();

        for (String name : List.of("ca.pem", "ca-key.pem", "localhost.pem", "localhost-key.pem", "truststore.p12")) {
            assertThat(certs.resolve(name)).isRegularFile();
        }
        for (String key : List.of("ca-key.pem", "localhost-key.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(key))))
                    .isEqualTo("rw-------");
        }
        assertThat(certificate(certs.resolve("localhost.pem")).getSubjectAlternativeNames())
                .contains(List.of(2, "api.local.test"), List.of(7, "127.0.0.1"));
        assertThat(out.toString())
                .contains("Created a local certificate authority: " + certs.resolve("ca.pem"))
                .contains("./socketway run TEMPLATE --tls-cert " + certs.resolve("localhost.pem") + " --tls-key "
                        + certs.resolve("localhost-key.pem"))
                .contains("NODE_EXTRA_CA_CERTS=" + certs.resolve("ca.pem"))
                .contains("AWS_CA_BUNDLE=" + certs.resolve("ca.pem"))
                .contains("-Djavax.net.ssl.trustStore=" + certs.resolve("truststore.p12"))
                .contains("keytool -importcert");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void secondRunReusesTheAuthority() throws Exception {
        assertThat(run("cert", "--dir", dir.toString())).isZero();
        byte[] authority = Files.readAllBytes(dir.resolve("ca.pem"));
        X509Certificate first = certificate(dir.resolve("localhost.pem"));
        out.getBuffer().setLength(0);

        assertThat(run("cert", "--dir", dir.toString())).isZero();
        assertThat(out.toString()).startsWith("Using the local certificate authority " + dir.resolve("ca.pem"));
        assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(authority);
        assertThat(certificate(dir.resolve("localhost.pem")).getSerialNumber()).isNotEqualTo(first.getSerialNumber());
        assertThat(first.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void invalidHostExitsWithUsageError() {
        assertThat(run("cert", "--dir", dir.toString(), "--hosts", "not a host")).isEqualTo(2);
        assertThat(err.toString()).contains("socketway: host: not a host (expected: a DNS name or an IP address)");
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }
}
