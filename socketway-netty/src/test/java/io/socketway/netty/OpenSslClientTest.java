package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A non-Java client: {@code openssl s_client} (skipped when {@code openssl} is not installed). */
@Timeout(60)
class OpenSslClientTest {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    @BeforeEach
    void requireOpenSsl() {
        assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
    }

    @Test
    void tls12HandshakeFailsByDefaultAndWorksWithMinVersion12() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        try (TlsFixture strict = new TlsFixture(certificates, certificates.settings())) {
            assertThat(sClient(strict, "-tls1_2")).contains("alert protocol version", "New, (NONE), Cipher is (NONE)");
            assertThat(sClient(strict, "-tls1_3")).contains("New, TLSv1.3", "ALPN protocol: http/1.1",
                    "Verify return code: 0 (ok)");
        }
        try (TlsFixture relaxed = new TlsFixture(certificates,
                certificates.settings().withMinVersion(TlsVersion.TLS_1_2))) {
            assertThat(sClient(relaxed, "-tls1_2")).contains("New, TLSv1.2", "ALPN protocol: http/1.1",
                    "Verify return code: 0 (ok)");
        }
    }

    private String sClient(TlsFixture gateway, String version) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(OPENSSL.toString(), "s_client", "-connect",
                "127.0.0.1:" + gateway.server.port(), version, "-CAfile",
                certificates(gateway).toString(), "-verify_hostname", "localhost", "-alpn", "h2,http/1.1")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return output.replaceAll("[ \\t]+", " ");
    }

    private static Path certificates(TlsFixture gateway) {
        return gateway.certificates.issued().authorityFile();
    }
}
