package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TlsSettings} and {@link TlsVersion} accept, and how they say no. */
class TlsSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToTls13AndTenSecondReloads() {
        TestCertificates certificates = TestCertificates.issue(dir);
        TlsSettings settings = certificates.settings();
        assertThat(settings.minVersion()).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(settings.minVersion().enabledProtocols()).containsExactly("TLSv1.3");
        assertThat(settings.reloadInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.provider()).isEqualTo(TlsSettings.Provider.AUTO);
        assertThat(settings.keyMaterial().files()).containsExactly(certificates.issued().certificateFile(),
                certificates.issued().keyFile());
    }

    @Test
    void namesTheMissingFile() {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsSettings.pem(missing, missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificateChain: " + missing + " (expected: a readable PEM certificate chain)");
        assertThatThrownBy(() -> TlsSettings.pkcs12(missing, "pw"))
                .hasMessage("pkcs12: " + missing + " (expected: a readable PKCS#12 file)");
    }

    @Test
    void rejectsNegativeReloadInterval() {
        TlsSettings settings = TestCertificates.issue(dir).settings();
        assertThatThrownBy(() -> settings.withReloadInterval(Duration.ofSeconds(-1)))
                .hasMessage("reloadInterval: PT-1S (expected: >= 0, where 0 turns reloading off)");
    }

    @Test
    void hidesPasswordsInToString() {
        TestCertificates certificates = TestCertificates.issue(dir);
        TlsSettings pem = TlsSettings.pem(certificates.issued().certificateFile(), certificates.issued().keyFile(),
                "s3cret");
        TlsSettings p12 = TlsSettings.pkcs12(certificates.issued().trustStoreFile(), "s3cret");
        assertThat(pem.toString()).doesNotContain("s3cret").contains("keyPassword=****");
        assertThat(p12.toString()).doesNotContain("s3cret").contains("password=****");
    }

    @Test
    void parsesVersionNames() {
        assertThat(TlsVersion.parse("1.2")).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(TlsVersion.parse("TLSv1.3")).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(TlsVersion.parse("tls1.3")).isEqualTo(TlsVersion.TLS_1_3);
        assertThatThrownBy(() -> TlsVersion.parse("1.1")).hasMessage("TLS version: 1.1 (expected: 1.2 or 1.3)");
    }
}
