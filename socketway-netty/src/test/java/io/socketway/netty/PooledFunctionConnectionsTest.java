package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.api.IntegrationType;
import io.socketway.core.FunctionHttpSettings;
import io.socketway.testing.TestWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Functions over HTTP called by a running gateway through its pooled connections on the server's event loops. */
@Timeout(60)
class PooledFunctionConnectionsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestHttpBackend backend = new TestHttpBackend();

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void messagesFromManyClientsToAnHttpFunctionShareOneKeptAliveConnection() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().httpRoute("$default", IntegrationType.AWS_PROXY,
                backend.url("/lambda"), true, WAIT), new TestRuntime())) {
            for (int c = 0; c < 3; c++) {
                try (TestWebSocket client = gw.connect()) {
                    for (int i = 0; i < 5; i++) {
                        client.send("message " + i);
                        assertThat(client.next(WAIT)).isEqualTo("from-http");
                    }
                }
            }
        }
        assertThat(backend.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void concurrentInvocationsWaitForTheConnectionsOfThePool() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().httpRoute("$default", IntegrationType.AWS_PROXY,
                        backend.url("/lambda-hold"), true, WAIT), new TestRuntime(),
                s -> s.withFunctionHttp(FunctionHttpSettings.DEFAULT.withMaxConnectionsPerOrigin(2)))) {
            List<TestWebSocket> clients = new ArrayList<>();
            try {
                for (int c = 0; c < 4; c++) {
                    TestWebSocket client = gw.connect();
                    clients.add(client);
                    client.send("hello");
                }
                await().atMost(WAIT).until(() -> backend.heldNow() == 2);
                backend.releaseHeld();
                await().atMost(WAIT).until(() -> backend.heldNow() == 2);
                backend.releaseHeld();
                for (TestWebSocket client : clients) {
                    assertThat(client.next(WAIT)).isEqualTo("held");
                }
            } finally {
                clients.forEach(TestWebSocket::close);
            }
        }
        assertThat(backend.maxHeld()).isEqualTo(2);
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void anOversizedFunctionResponseGivesAnErrorFrame() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .httpRoute("big", IntegrationType.AWS_PROXY, backend.url("/big"), true, WAIT)
                        .httpRoute("$default", IntegrationType.AWS_PROXY, backend.url("/lambda"), true, WAIT),
                new TestRuntime(), s -> s.withFunctionHttp(FunctionHttpSettings.DEFAULT.withMaxResponseBytes(1024)));
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"big\"}");
            assertThat(client.next(WAIT)).contains("Internal server error");
            client.send("{\"action\":\"other\"}");
            assertThat(client.next(WAIT)).isEqualTo("from-http");
        }
    }

    @Test
    void theJdkClientCanBeChosenInstead() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().httpRoute("$default", IntegrationType.AWS_PROXY,
                        backend.url("/lambda"), true, WAIT), new TestRuntime(),
                s -> s.withFunctionHttp(FunctionHttpSettings.DEFAULT.withClient(FunctionHttpSettings.Client.JDK)));
                TestWebSocket client = gw.connect()) {
            client.send("hello");
            assertThat(client.next(WAIT)).isEqualTo("from-http");
        }
    }
}
