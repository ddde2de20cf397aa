package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.RateLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bounded floods from loopback: each limit answers as documented and other connections keep working. */
@Timeout(60)
class RateLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static GatewayServer start(RateLimits limits, TestRuntime rt) {
        GatewaySettings settings = GatewaySettings.defaults().withPort(0).withRateLimits(limits);
        return GatewayServer.start(Gateway.builder(TestApi.create().route("echo", "echo", true).build())
                .settings(settings).functionRuntime(rt).build());
    }

    private static TestRuntime echo() {
        return new TestRuntime().handler("echo", e -> Map.of("body", "ok"));
    }

    @Test
    void connectionFloodGets429AndExistingClientsKeepWorking() throws Exception {
        try (GatewayServer server = start(new RateLimits(1, 0, 0, 0, 0), echo())) {
            String ws = "ws://127.0.0.1:" + server.port() + "/dev";
            try (TestWebSocket first = TestWebSocket.connect(ws)) {
                int refused = 0;
                List<TestWebSocket> admitted = new ArrayList<>();
                for (int i = 0; i < 30 && refused == 0; i++) {
                    try {
                        admitted.add(TestWebSocket.connect(ws));
                    } catch (java.util.concurrent.CompletionException e) {
                        assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
                        assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse()
                                .statusCode()).isEqualTo(429);
                        refused++;
                    }
                }
                assertThat(refused).isEqualTo(1);
                assertThat(admitted.size()).isLessThan(30);
                first.send("{\"action\":\"echo\"}");
                assertThat(first.next(WAIT)).isEqualTo("ok");
                admitted.forEach(TestWebSocket::close);
            }
        }
    }

    @Test
    void connectionsPerAddressAreCapped() throws Exception {
        try (GatewayServer server = start(new RateLimits(0, 0, 2, 0, 0), echo())) {
            String ws = "ws://127.0.0.1:" + server.port() + "/dev";
            TestWebSocket a = TestWebSocket.connect(ws);
            TestWebSocket b = TestWebSocket.connect(ws);
            assertThat(TestWebSocket.refusedStatus(ws)).isEqualTo(429);
            a.close();
            await().atMost(WAIT).until(() -> server.gateway().connections().size() == 1);
            TestWebSocket.connect(ws).close();
            b.close();
        }
    }

    @Test
    void messageFloodIsThrottledThenClosedWith1008() throws Exception {
        TestRuntime rt = echo();
        try (GatewayServer server = start(new RateLimits(0, 0, 0, 10, 5), rt)) {
            String ws = "ws://127.0.0.1:" + server.port() + "/dev";
            try (TestWebSocket flooder = TestWebSocket.connect(ws); TestWebSocket calm = TestWebSocket.connect(ws)) {
                for (int i = 0; i < 40; i++) {
                    flooder.send("{\"action\":\"echo\"}");
                }
                List<String> replies = new ArrayList<>();
                while (replies.stream().noneMatch(r -> r.contains("Too Many Requests"))) {
                    replies.add(flooder.next(WAIT));
                }
                assertThat(flooder.awaitClose(WAIT).code()).isEqualTo(1008);
                assertThat(rt.events("MESSAGE")).as("messages within the burst were dispatched")
                        .hasSizeBetween(1, 30);
                calm.send("{\"action\":\"echo\"}");
                assertThat(calm.next(WAIT)).isEqualTo("ok");
            }
        }
    }

    @Test
    void throttledMessagesGetAnErrorFrame() throws Exception {
        try (GatewayServer server = start(new RateLimits(0, 0, 0, 1, 0), echo());
                TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev")) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"action\":\"echo\"}");
            }
            List<String> replies = List.of(client.next(WAIT), client.next(WAIT), client.next(WAIT));
            assertThat(replies).filteredOn(r -> r.contains("\"message\": \"Too Many Requests\"")).hasSize(1);
            assertThat(replies).filteredOn("ok"::equals).hasSize(2);
        }
    }
}
