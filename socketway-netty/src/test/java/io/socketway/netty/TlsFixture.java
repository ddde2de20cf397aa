package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * Starts a real gateway with TLS on a free port: {@code $connect}, {@code $disconnect}, a two-way {@code echo} route
 * (replies {@code echo:TEXT}) and {@code whoami} (replies the connection id). Closes (drains) it afterwards.
 */
final class TlsFixture implements AutoCloseable {
    final TestRuntime runtime = new TestRuntime()
            .handler("connect", e -> Map.of("statusCode", 200))
            .handler("disconnect", e -> Map.of("statusCode", 200))
            .handler("echo", e -> Map.of("statusCode", 200,
                    "body", "echo:" + TestRuntime.JSON.readTree(e.get("body").asText()).path("text").asText()))
            .handler("whoami", e -> Map.of("body", e.at("/requestContext/connectionId").asText()));
    final TestCertificates certificates;
    final GatewayServer server;
    final HttpClient client;

    TlsFixture(TestCertificates certificates, TlsSettings settings) throws Exception {
        this.certificates = certificates;
        GatewaySettings gatewaySettings =
                GatewaySettings.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5));
        Gateway gateway = Gateway.builder(TestApi.create()
                        .route("$connect", "connect", false)
                        .route("$disconnect", "disconnect", false)
                        .route("echo", "echo", true)
                        .route("whoami", "whoami", true)
                        .build())
                .settings(gatewaySettings)
                .functionRuntime(runtime)
                .build();
        this.server = GatewayServer.start(gateway, settings);
        this.client = certificates.httpClient();
    }

    String wss() {
        return "wss://127.0.0.1:" + server.port() + "/dev";
    }

    String https() {
        return "https://127.0.0.1:" + server.port() + "/dev";
    }

    TestWebSocket connect() {
        return TestWebSocket.connect(client, wss());
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
