package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development CA and server certificates behind {@code socketway cert}. */
class LocalCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void issuesServerCertificateForNamesAndAddresses() throws Exception {
        LocalCertificates.Issued issued = LocalCertificates.issue(dir, List.of("localhost", "127.0.0.1", "::1",
                "*.dev.test"), 30);
        X509Certificate server = issued.certificate();
        server.verify(issued.authority().getPublicKey());
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(2, "*.dev.test"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(issued.authority().getBasicConstraints()).isEqualTo(0);
        assertThat(issued.authority().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(server.getNotAfter().getTime() - server.getNotBefore().getTime())
                .isBetween(30L * 86_400_000, 30L * 86_400_000 + 3_700_000);
        assertThat(issued.authorityCreated()).isTrue();
    }

    @Test
    void writesKeysForTheOwnerOnly() throws Exception {
        LocalCertificates.Issued issued = LocalCertificates.issue(dir.resolve("nested/certs"),
                LocalCertificates.DEFAULT_HOSTS, 30);
        for (Path key : List.of(issued.keyFile(), issued.authorityKeyFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(issued.certificateFile())))
                .isEqualTo("rw-r--r--");
        assertThat(issued.trustStoreFile()).isRegularFile();
        try (var listing = Files.list(issued.directory())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.pem", "ca-key.pem", "localhost.pem", "localhost-key.pem", "truststore.p12");
        }
    }

    @Test
    void reusesTheAuthorityAndRenewsTheServerCertificate() throws Exception {
        LocalCertificates.Issued first = LocalCertificates.issue(dir, LocalCertificates.DEFAULT_HOSTS, 30);
        byte[] authority = Files.readAllBytes(first.authorityFile());
        LocalCertificates.Issued second = LocalCertificates.issue(dir, LocalCertificates.DEFAULT_HOSTS, 30);
        assertThat(second.authorityCreated()).isFalse();
        assertThat(Files.readAllBytes(second.authorityFile())).isEqualTo(authority);
        assertThat(second.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        second.certificate().verify(first.authority().getPublicKey());
    }

    @Test
    void rejectsInvalidInput() throws Exception {
        assertThatThrownBy(() -> LocalCertificates.issue(dir, List.of("bad host"), 30))
                .hasMessage("host: bad host (expected: a DNS name or an IP address)");
        assertThatThrownBy(() -> LocalCertificates.issue(dir, List.of(), 30))
                .hasMessage("hosts: [] (expected: at least one DNS name or IP address)");
        assertThatThrownBy(() -> LocalCertificates.issue(dir, LocalCertificates.DEFAULT_HOSTS, 0))
                .hasMessage("days: 0 (expected: 1 to 3650)");
        Files.writeString(dir.resolve("ca.pem"), "only the certificate");
        assertThatThrownBy(() -> LocalCertificates.issue(dir, LocalCertificates.DEFAULT_HOSTS, 30))
                .hasMessageStartingWith("authority: " + dir + " (expected: both ca.pem and ca-key.pem");
    }
}
