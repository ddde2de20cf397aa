package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Replacing the certificate files changes what new connections get, without a restart. */
@Timeout(60)
class CertificateReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void newConnectionsGetTheReplacedCertificateWhileOpenOnesStay() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        BigInteger first = certificates.serial();
        TlsSettings settings = certificates.settings().withReloadInterval(Duration.ofMillis(50));
        try (TlsFixture gateway = new TlsFixture(certificates, settings); TestWebSocket open = gateway.connect()) {
            assertThat(certificates.presented(gateway.server.port()).getSerialNumber()).isEqualTo(first);

            BigInteger second = certificates.reissue().certificate().getSerialNumber();
            assertThat(second).isNotEqualTo(first);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(certificates.presented(gateway.server.port()).getSerialNumber()).isEqualTo(second));

            open.send("{\"action\":\"echo\",\"text\":\"old session\"}");
            assertThat(open.next(WAIT)).isEqualTo("echo:old session");
            try (TestWebSocket fresh = gateway.connect()) {
                fresh.send("{\"action\":\"echo\",\"text\":\"new session\"}");
                assertThat(fresh.next(WAIT)).isEqualTo("echo:new session");
            }
        }
    }

    @Test
    void brokenReplacementKeepsTheOldCertificateUntilTheFilesChangeAgain() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        BigInteger first = certificates.serial();
        try (ReloadingSslContext tls =
                ReloadingSslContext.start(certificates.settings().withReloadInterval(Duration.ZERO))) {
            assertThat(tls.check()).isEqualTo(ReloadingSslContext.Outcome.UNCHANGED);

            Files.writeString(certificates.issued().certificateFile(), "-----BEGIN CERTIFICATE-----\nbroken\n");
            assertThat(tls.check()).isEqualTo(ReloadingSslContext.Outcome.FAILED);
            assertThat(tls.credentials().certificate().getSerialNumber()).isEqualTo(first);
            assertThat(tls.check()).as("the same broken files are not retried").isEqualTo(
                    ReloadingSslContext.Outcome.UNCHANGED);

            BigInteger second = certificates.reissue().certificate().getSerialNumber();
            assertThat(tls.check()).isEqualTo(ReloadingSslContext.Outcome.RELOADED);
            assertThat(tls.credentials().certificate().getSerialNumber()).isEqualTo(second);
        }
    }

    @Test
    void keyOfAnotherCertificateIsRejectedOnReload() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        Path oldKey = dir.resolve("old-key.pem");
        Files.copy(certificates.issued().keyFile(), oldKey);
        try (ReloadingSslContext tls =
                ReloadingSslContext.start(certificates.settings().withReloadInterval(Duration.ZERO))) {
            certificates.reissue();
            Files.copy(oldKey, certificates.issued().keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(tls.check()).isEqualTo(ReloadingSslContext.Outcome.FAILED);
        }
    }
}
