package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code wss://} and {@code https://} on the gateway's port, with both TLS providers. */
@Timeout(60)
class TlsTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private TlsFixture start(TlsSettings.Provider provider, TlsVersion minVersion) throws Exception {
        assumeTrue(provider != TlsSettings.Provider.OPENSSL || OpenSsl.isAvailable(),
                () -> "OpenSSL is not available: " + OpenSsl.unavailabilityCause());
        TestCertificates certificates = TestCertificates.issue(dir);
        return new TlsFixture(certificates, certificates.settings().withProvider(provider).withMinVersion(minVersion));
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void wssClientTalksToTwoWayRoute(TlsSettings.Provider provider) throws Exception {
        try (TlsFixture gateway = start(provider, TlsVersion.TLS_1_3); TestWebSocket client = gateway.connect()) {
            client.send("{\"action\":\"echo\",\"text\":\"over tls\"}");
            assertThat(client.next(WAIT)).isEqualTo("echo:over tls");
            assertThat(gateway.server.endpoint().webSocketBase()).startsWith("wss://");
            assertThat(gateway.server.endpoint().httpBase()).startsWith("https://");
            assertThat(gateway.runtime.events("CONNECT").get(0).at("/headers/X-Forwarded-Proto").asText())
                    .isEqualTo("https");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void httpsPostToConnectionsReachesTheClient(TlsSettings.Provider provider) throws Exception {
        try (TlsFixture gateway = start(provider, TlsVersion.TLS_1_3); TestWebSocket client = gateway.connect()) {
            client.send("{\"action\":\"whoami\"}");
            String id = client.next(WAIT);
            HttpResponse<String> response = gateway.client.send(HttpRequest.newBuilder(
                            URI.create(gateway.https() + "/@connections/" + id))
                    .POST(HttpRequest.BodyPublishers.ofString("pushed over https"))
                    .timeout(WAIT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).as("ALPN picks http/1.1").isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(client.next(WAIT)).isEqualTo("pushed over https");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void refusesTls12ClientByDefault(TlsSettings.Provider provider) throws Exception {
        try (TlsFixture gateway = start(provider, TlsVersion.TLS_1_3);
                HttpClient tls12 = gateway.certificates.httpClient("TLSv1.2")) {
            assertThatThrownBy(() -> tls12.send(health(gateway), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(gateway.client.send(health(gateway), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENSSL", "JDK"})
    void acceptsTls12ClientWithMinVersion12(TlsSettings.Provider provider) throws Exception {
        try (TlsFixture gateway = start(provider, TlsVersion.TLS_1_2);
                HttpClient tls12 = gateway.certificates.httpClient("TLSv1.2")) {
            HttpResponse<String> response = tls12.send(health(gateway), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
            try (TestWebSocket client = TestWebSocket.connect(tls12, gateway.wss())) {
                client.send("{\"action\":\"echo\",\"text\":\"1.2\"}");
                assertThat(client.next(WAIT)).isEqualTo("echo:1.2");
            }
        }
    }

    @Test
    void plainTextClientGets400AndServerKeepsServing() throws Exception {
        try (TlsFixture gateway = start(TlsSettings.Provider.AUTO, TlsVersion.TLS_1_3)) {
            String plain = "ws://127.0.0.1:" + gateway.server.port() + "/dev";
            assertThatThrownBy(() -> TestWebSocket.connect(plain))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                            .isEqualTo(400));
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.server.port() + "/_socketway/health"))
                        .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.body()).contains("wss://", "https://");
            }
            try (TestWebSocket client = gateway.connect()) {
                client.send("{\"action\":\"echo\",\"text\":\"still here\"}");
                assertThat(client.next(WAIT)).isEqualTo("echo:still here");
            }
        }
    }

    private static HttpRequest health(TlsFixture gateway) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + gateway.server.port() + "/_socketway/health"))
                .timeout(WAIT).build();
    }
}
