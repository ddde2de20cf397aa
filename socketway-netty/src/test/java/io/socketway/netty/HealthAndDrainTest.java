package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.testing.TestWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Liveness and readiness as a load balancer reads them, and the drain endpoint an operator (or a deploy script) calls
 * to take a node out of rotation: clients get 1001 and reconnect elsewhere, readiness turns 503, liveness stays 200.
 */
@Timeout(30)
class HealthAndDrainTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static HttpResponse<String> call(GatewayFixture gw, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void drainTakesTheNodeOutOfRotationAndClosesClientsWith1001() throws Exception {
        TestRuntime rt = new TestRuntime().handler("echo", e -> Map.of("body", "ok"));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), rt);
                TestWebSocket client = gw.connect()) {
            HttpResponse<String> ready = call(gw, "GET", "/_socketway/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"listening\":true,\"functions\":true,"
                    + "\"cluster\":true,\"draining\":false}}");
            assertThat(call(gw, "GET", "/_socketway/drain").statusCode()).as("drain is a POST").isEqualTo(405);

            HttpResponse<String> drain = call(gw, "POST", "/_socketway/drain");
            assertThat(drain.statusCode()).isEqualTo(202);
            assertThat(drain.body()).contains("\"status\":\"DRAINING\"");
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1001);

            HttpResponse<String> unready = call(gw, "GET", "/_socketway/ready");
            assertThat(unready.statusCode()).isEqualTo(503);
            assertThat(unready.body()).contains("\"status\":\"DOWN\"", "\"draining\":true");
            assertThat(call(gw, "GET", "/_socketway/health").statusCode()).as("still alive").isEqualTo(200);
            assertThat(TestWebSocket.refusedStatus(gw.ws())).as("new clients go elsewhere").isEqualTo(503);
            assertThat(call(gw, "POST", "/_socketway/drain").statusCode()).as("draining again is harmless")
                    .isEqualTo(202);
        }
    }
}
