package io.socketway.registry.redis;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.netty.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis stops under traffic and comes back empty: each node keeps serving its own connections, calls that need Redis
 * fail fast with a 5xx, and once Redis is back the nodes register their live connections again.
 */
@Timeout(60)
class RedisOutageTest {
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<GatewayServer> servers = new ArrayList<>();
    private final List<RedisEngine> engines = new ArrayList<>();

    private static ApiDefinition api() {
        IntegrationDefinition whoami = new IntegrationDefinition("WhoAmI", IntegrationType.MOCK, "", Optional.empty(),
                "POST", IntegrationDefinition.DEFAULT_TIMEOUT, Map.of("$default", "{\"statusCode\": 200}"),
                Optional.empty(), Map.of("$default", "$context.connectionId"), Map.of());
        return new ApiDefinition(Path.of(""), "Api", "outage", "outag12345", "$request.body.action",
                List.of(new StageDefinition("dev", Map.of())),
                Map.of("whoami", new RouteDefinition("R", "whoami", Optional.of(whoami), true)), Map.of(),
                "us-east-1", "123456789012", "test", List.of(), Map.of());
    }

    private void startNodes() {
        for (String name : List.of("a", "b")) {
            RedisSettings settings = RedisSettings.of(TestEngines.newNodeId(name), redis.uris(), TestEngines.KEYS, "k1")
                    .withHeartbeat(Duration.ofMillis(200), Duration.ofSeconds(2));
            RedisEngine engine = RedisEngine.connect(settings);
            engines.add(engine);
            Gateway gateway = Gateway.builder(api())
                    .settings(GatewaySettings.defaults().withPort(0).withNodeId(settings.nodeId()))
                    .registry(engine.registry()).bus(engine.bus())
                    .membership(engine.membership(), Duration.ofMillis(200))
                    .build();
            engine.membership().onHeartbeatLapse(gateway::reregisterConnections);
            servers.add(GatewayServer.start(gateway));
        }
    }

    @AfterEach
    void stop() {
        servers.forEach(GatewayServer::close);
        engines.forEach(RedisEngine::close);
    }

    private int push(int node, String id, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(node).port()
                        + "/dev/@connections/" + id)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void nodesKeepServingDuringAnOutageAndRecoverAfterIt() throws Exception {
        startNodes();
        TestWebSocket onA = TestWebSocket.connect("ws://127.0.0.1:" + servers.get(0).port() + "/dev");
        String id = whoami(onA);
        assertThat(push(1, id, "before")).isEqualTo(200);
        assertThat(onA.next(WAIT)).isEqualTo("before");

        redis.kill();
        assertThat(whoami(onA)).as("local routes keep working").isEqualTo(id);
        assertThat(push(0, id, "local push")).as("pushes to local connections keep working").isEqualTo(200);
        assertThat(onA.next(WAIT)).isEqualTo("local push");
        long start = System.nanoTime();
        assertThat(push(1, id, "needs redis")).as("a call that needs Redis fails with a 5xx").isBetween(500, 599);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("and fails fast").isLessThan(Duration.ofSeconds(5));

        redis.restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> push(1, id, "after") == 200);
        assertThat(onA.next(WAIT)).isEqualTo("after");
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String whoami(TestWebSocket client) throws InterruptedException {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }
}
