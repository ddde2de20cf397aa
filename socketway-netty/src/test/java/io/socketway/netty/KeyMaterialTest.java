package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key formats a server reads: PKCS#8 PEM (plain or encrypted) and PKCS#12, with clear errors. */
class KeyMaterialTest {
    @TempDir
    Path dir;

    @Test
    void readsPkcs12WithPassword() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        ServerCredentials pem = ServerCredentials.load(certificates.settings().keyMaterial());
        Path p12 = dir.resolve("server.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", pem.key(), "pw".toCharArray(), pem.chain().toArray(X509Certificate[]::new));
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "pw".toCharArray());
        }
        try (ReloadingSslContext tls = ReloadingSslContext.start(
                TlsSettings.pkcs12(p12, "pw").withReloadInterval(Duration.ZERO))) {
            assertThat(tls.credentials().certificate()).isEqualTo(certificates.issued().certificate());
        }
        assertThatThrownBy(() -> ServerCredentials.load(TlsSettings.pkcs12(p12, "wrong").keyMaterial()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pkcs12: " + p12 + " (expected: a PKCS#12 file that the given password opens");
    }

    @Test
    void readsEncryptedPkcs8Key() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        ServerCredentials plain = ServerCredentials.load(certificates.settings().keyMaterial());
        Path encrypted = dir.resolve("encrypted-key.pem");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(plain.key(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                            .setProvider(new BouncyCastleProvider())
                            .setPassword("s3cret".toCharArray()).build()));
        }
        Files.writeString(encrypted, pem.toString());
        assertThat(pem.toString()).contains("BEGIN ENCRYPTED PRIVATE KEY");
        Path cert = certificates.issued().certificateFile();

        ServerCredentials decrypted = ServerCredentials.load(TlsSettings.pem(cert, encrypted, "s3cret").keyMaterial());
        assertThat(decrypted.key().getEncoded()).isEqualTo(plain.key().getEncoded());
        assertThatThrownBy(() -> ServerCredentials.load(TlsSettings.pem(cert, encrypted, "wrong").keyMaterial()))
                .hasMessageStartingWith("privateKey: " + encrypted + " (expected: a key that the given password");
        assertThatThrownBy(() -> ServerCredentials.load(TlsSettings.pem(cert, encrypted).keyMaterial()))
                .hasMessage("privateKey: " + encrypted + " (expected: an unencrypted key, or a key password)");
    }

    @Test
    void explainsPkcs1Keys() throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        Path pkcs1 = dir.resolve("rsa-key.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ServerCredentials.load(
                        TlsSettings.pem(certificates.issued().certificateFile(), pkcs1).keyMaterial()))
                .hasMessageContaining("found 'RSA PRIVATE KEY'")
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void refusesKeyOfAnotherCertificateAtStart() {
        TestCertificates certificates = TestCertificates.issue(dir);
        Path cert = certificates.issued().certificateFile();
        Path authorityKey = certificates.issued().authorityKeyFile();
        assertThatThrownBy(() -> ReloadingSslContext.start(TlsSettings.pem(cert, authorityKey)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("privateKey: " + authorityKey + " (expected: the private key of certificate "
                        + "CN=localhost");
    }
}
