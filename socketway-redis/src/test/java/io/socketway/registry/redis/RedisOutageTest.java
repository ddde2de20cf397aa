package io.socketway.registry.redis;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.netty.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private List<GatewayServer> servers;

    private GatewayNodes nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private int push(int node, String id, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(node).port()
                        + "/dev/@connections/" + id)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void nodesKeepServingDuringAnOutageAndRecoverAfterIt() throws Exception {
        nodes = GatewayNodes.start(redis.uris(), GatewayNodes.whoamiApi(Map.of()), Duration.ofSeconds(2), "a", "b");
        servers = nodes.servers;
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

    /**
     * Redis freezes (SIGSTOP) and comes back with its data, before any heartbeat lapses: a connection closed and one
     * opened meanwhile could not be written to the registry; the nodes repair both entries, so no stale entry
     * survives and the new connection is reachable from every node.
     */
    @Test
    void entriesThatCouldNotBeWrittenDuringAPauseAreRepairedAfterIt() throws Exception {
        nodes = GatewayNodes.start(redis.uris(), GatewayNodes.whoamiApi(Map.of()), Duration.ofSeconds(30), "a", "b");
        servers = nodes.servers;
        TestWebSocket leaving = TestWebSocket.connect(nodes.ws(0));
        String leftId = whoami(leaving);
        await().atMost(WAIT).until(() -> listing(1).contains(leftId));

        redis.servers().get(0).pause();
        try {
            leaving.close();
            TestWebSocket joining = TestWebSocket.connect(nodes.ws(0));
            String joinedId = whoami(joining);
            assertThat(push(1, joinedId, "needs redis")).as("a call that needs Redis fails, after its timeout; so have"
                    + " the earlier registry writes").isBetween(500, 599);
            await().atMost(Duration.ofSeconds(10)).until(() -> ready(0) == 503);
            redis.servers().get(0).resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> ready(0) == 200);

            await().atMost(Duration.ofSeconds(20)).until(() -> listing(1).equals(Set.of(joinedId)));
            assertThat(push(1, joinedId, "found")).isEqualTo(200);
            assertThat(joining.next(WAIT)).isEqualTo("found");
            assertThat(push(1, leftId, "gone?")).isEqualTo(410);
            joining.close();
        } finally {
            redis.servers().get(0).resume();
        }
    }

    /** Returns the node's readiness status: 503 while it cannot reach Redis. */
    private int ready(int node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servers.get(node).port()
                + "/_socketway/ready")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Set<String> listing(int node) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(nodes.management(node)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Set<String> ids = new java.util.HashSet<>();
        var m = java.util.regex.Pattern.compile("\"connectionId\":\"([^\"]+)\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String whoami(TestWebSocket client) throws InterruptedException {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }
}
