package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.testing.TestWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Redis Cluster master dies (SIGKILL) and its replica is promoted, while two gateway nodes keep running: cross-node
 * delivery resumes without restarting either node, and the registry still finds the connection.
 */
@Timeout(90)
class RedisClusterFailoverTest {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension(1, Duration.ofMillis(1000));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private GatewayNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void crossNodeDeliveryResumesAfterTheMasterOfTheOwnersChannelFailsOver() throws Exception {
        nodes = GatewayNodes.start(REDIS.uris(), GatewayNodes.whoamiApi(Map.of()), Duration.ofSeconds(10), "a", "b");
        TestWebSocket onA = TestWebSocket.connect(nodes.ws(0));
        onA.send("{\"action\":\"whoami\"}");
        String id = onA.next(WAIT);
        assertThat(push(1, id, "before")).isEqualTo(200);
        assertThat(onA.next(WAIT)).isEqualTo("before");

        String ownerChannel = "sw:bus:{" + nodes.servers.get(0).gateway().settings().nodeId() + "}";
        int killed = REDIS.failOverMasterOf(ownerChannel);
        assertThat(REDIS.masterOf(ownerChannel).port()).as("a replica serves the channel now").isNotEqualTo(killed);

        AtomicInteger attempt = new AtomicInteger();
        String[] delivered = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String body = "after-" + attempt.incrementAndGet();
            if (push(1, id, body) != 200) {
                return false;
            }
            delivered[0] = body;
            return true;
        });
        assertThat(nextMatching(onA, delivered[0])).as("the push answered 200 reached the client").isTrue();
        assertThat(get(1, id)).as("any node still finds the connection").isEqualTo(200);
        onA.close();
    }

    /** Reads messages until {@code expected}; earlier pushes answered 5xx may or may not have been delivered. */
    private static boolean nextMatching(TestWebSocket client, String expected) throws InterruptedException {
        for (String m = client.next(WAIT); m != null; m = client.next(WAIT)) {
            if (m.equals(expected)) {
                return true;
            }
            assertThat(m).as("only pushes of this test arrive").startsWith("after-");
        }
        return false;
    }

    private int push(int node, String id, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(nodes.management(node) + id)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int get(int node, String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(nodes.management(node) + id)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
