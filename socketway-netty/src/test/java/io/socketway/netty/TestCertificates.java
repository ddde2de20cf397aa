package io.socketway.netty;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Issues a development CA and server certificate into a folder with {@link LocalCertificates}, and builds clients
 * that trust that CA (through the {@code truststore.p12} it writes).
 */
final class TestCertificates {
    final Path dir;
    private volatile LocalCertificates.Issued issued;

    private TestCertificates(Path dir) {
        this.dir = dir;
        reissue();
    }

    static TestCertificates issue(Path dir) {
        return new TestCertificates(dir);
    }

    /** Replaces the server certificate and key (new serial, same CA), as re-running {@code socketway cert} does. */
    LocalCertificates.Issued reissue() {
        issued = LocalCertificates.issue(dir, LocalCertificates.DEFAULT_HOSTS, 30);
        return issued;
    }

    LocalCertificates.Issued issued() {
        return issued;
    }

    BigInteger serial() {
        return issued.certificate().getSerialNumber();
    }

    TlsSettings settings() {
        return TlsSettings.pem(issued.certificateFile(), issued.keyFile());
    }

    /** Returns a client context that trusts the CA. */
    SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(issued.trustStoreFile())) {
            trust.load(in, LocalCertificates.TRUST_STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Returns an HTTP and WebSocket client that trusts the CA and offers only {@code protocols} (all when none). */
    HttpClient httpClient(String... protocols) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().sslContext(clientContext())
                .connectTimeout(Duration.ofSeconds(5));
        if (protocols.length > 0) {
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(protocols);
            builder.sslParameters(parameters);
        }
        return builder.build();
    }

    /** Opens a new TLS connection to {@code 127.0.0.1:port} and returns the certificate the server presented. */
    X509Certificate presented(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
