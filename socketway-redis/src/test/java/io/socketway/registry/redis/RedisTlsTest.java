package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.netty.LocalCertificates;
import io.socketway.testing.RedisProcess;
import io.socketway.testing.TestWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code rediss://}: two gateway nodes reach a {@code redis-server} over TLS only (its TLS port, certificate issued by a
 * private authority), trusting that authority through the settings; without it the node refuses to start.
 */
@Timeout(60)
class RedisTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static Path dir;
    private static RedisProcess server;
    private static LocalCertificates.Issued certificates;
    private static int tlsPort;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        dir = Files.createTempDirectory("socketway-redis-tls-");
        certificates = LocalCertificates.issue(dir.resolve("certs"), LocalCertificates.DEFAULT_HOSTS, 2);
        tlsPort = RedisProcess.freePort();
        // the plain port only tells the test when the server is up; the nodes use the TLS port
        server = RedisProcess.start(dir, port -> List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certificates.certificateFile().toString(),
                "--tls-key-file", certificates.keyFile().toString(),
                "--tls-ca-cert-file", certificates.authorityFile().toString(),
                "--tls-auth-clients", "no"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.kill();
        }
        if (dir != null) {
            RedisProcess.deleteRecursively(dir);
        }
    }

    @Test
    void nodesTrustingThePrivateAuthorityShareConnectionsOverTls() throws Exception {
        List<URI> uris = List.of(URI.create("rediss://localhost:" + tlsPort));
        try (GatewayNodes nodes = GatewayNodes.start(uris, s -> s.withTrustedCertificates(
                certificates.authorityFile()), GatewayNodes.whoamiApi(Map.of()), Duration.ofSeconds(10), "a", "b");
                TestWebSocket onA = TestWebSocket.connect(nodes.ws(0))) {
            onA.send("{\"action\":\"whoami\"}");
            String id = onA.next(WAIT);
            HttpResponse<String> pushed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(nodes.management(1) + id)).POST(HttpRequest.BodyPublishers.ofString("over tls"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pushed.statusCode()).isEqualTo(200);
            assertThat(onA.next(WAIT)).isEqualTo("over tls");
            assertThat(RedisProcess.text(server.command("INFO", "clients")))
                    .as("both nodes hold connections to the server").contains("connected_clients:");
        }
    }

    @Test
    void aNodeThatDoesNotTrustTheServerCertificateRefusesToStart() {
        RedisSettings settings = RedisSettings.of(TestEngines.newNodeId("untrusting"),
                List.of(URI.create("rediss://localhost:" + tlsPort)), TestEngines.KEYS, "k1")
                .withTopology(RedisSettings.Topology.STANDALONE);
        assertThatThrownBy(() -> RedisEngine.connect(settings).close())
                .hasStackTraceContaining("PKIX path building failed");
    }
}
