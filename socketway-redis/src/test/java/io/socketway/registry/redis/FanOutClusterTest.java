package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.testing.TestWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code @connections} fan-out across two nodes on one real {@code redis-server}: the node called delivers to its
 * own connections and sends one bus message to the other node for all of that node's ids.
 */
@Timeout(60)
class FanOutClusterTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private GatewayNodes nodes;

    @BeforeEach
    void startTwoNodes() {
        nodes = GatewayNodes.start(REDIS.uris(), GatewayNodes.whoamiApi(Map.of()), Duration.ofSeconds(2), "a", "b");
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void deliversToConnectionsOnBothNodesWithOneBusMessageForTheOtherNode() throws Exception {
        List<TestWebSocket> clients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestWebSocket client = TestWebSocket.connect(nodes.ws(i % 2));
            client.send("{\"action\":\"whoami\"}");
            ids.add(client.next(WAIT));
            clients.add(client);
        }
        List<String> listed = new ArrayList<>(ids);
        listed.add("unknownConnId000");
        int port = REDIS.servers().get(0).port();
        String busOfB = Keys.busChannel(nodes.engines.get(1).membership().nodeId());

        HttpResponse<String> response;
        String seen;
        try (RedisMonitor monitor = RedisMonitor.start(port)) {
            response = fanOut(0, listed, "everyone");
            seen = monitor.drain(port);
        }

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(strings(body.get("delivered"))).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(strings(body.get("gone"))).containsExactly("unknownConnId000");
        assertThat(strings(body.get("failed"))).isEmpty();
        assertThat(count(seen, "\"SPUBLISH\" \"" + Pattern.quote(busOfB) + "\"")).isEqualTo(1);
        assertThat(fanOut(1, ids, "second").statusCode()).isEqualTo(200);
        for (TestWebSocket client : clients) {
            assertThat(client.next(WAIT)).isEqualTo("everyone");
            assertThat(client.next(WAIT)).isEqualTo("second");
            client.close();
        }
    }

    private HttpResponse<String> fanOut(int node, List<String> ids, String data) throws Exception {
        String body = JSON.writeValueAsString(Map.of("connectionIds", ids, "data", data));
        String url = nodes.management(node);
        return HTTP.send(HttpRequest.newBuilder(URI.create(url.substring(0, url.length() - 1)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
