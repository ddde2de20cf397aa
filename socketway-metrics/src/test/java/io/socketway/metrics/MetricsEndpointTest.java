package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.core.MetricsSettings;
import io.socketway.security.sigv4.AccessKey;
import io.socketway.testing.TestWebSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /_socketway/metrics} shows, in Prometheus text, what real clients did to a real gateway. */
@Timeout(60)
class MetricsEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static OpsFixture.Builder chatLike() {
        return OpsFixture.builder()
                .route("$connect", false, e -> Map.of("statusCode", 200))
                .route("$disconnect", false, e -> Map.of())
                .route("echo", true, e -> Map.of("statusCode", 200, "body", "echo:" + e.get("body").asText()))
                .route("fail", false, e -> {
                    throw new IllegalStateException("boom");
                })
                .route("bad", false, e -> Map.of("statusCode", 500));
    }

    @Test
    void countsConnectsMessagesErrorsAndLatencyByStageWithRoutesOnlyWhereDetailed() throws Exception {
        try (OpsFixture ops = chatLike().detailedMetrics("echo").start();
                TestWebSocket a = ops.connect();
                TestWebSocket b = ops.connect()) {
            a.send("{\"action\":\"echo\",\"text\":\"hi\"}");
            assertThat(a.next(WAIT)).startsWith("echo:");
            a.send("{\"action\":\"fail\"}");
            assertThat(a.next(WAIT)).contains("Internal server error");
            b.send("{\"action\":\"bad\"}");
            b.send("{\"action\":\"nope\"}");
            assertThat(b.next(WAIT)).contains("Forbidden");

            await().atMost(WAIT).untilAsserted(() -> {
                Scrape s = ops.scrape();
                assertThat(s.value("ConnectCount_total", "stage", "dev")).isEqualTo(2);
                assertThat(s.value("MessageCount_total", "stage", "dev", "route", "echo")).isEqualTo(1);
                // in: fail, bad, nope; out: the echo reply and two error frames (not broken down by route)
                assertThat(s.value("MessageCount_total", "stage", "dev", "route", "")).isEqualTo(6);
                assertThat(s.value("ExecutionError_total", "stage", "dev", "route", "")).isEqualTo(1);
                assertThat(s.value("IntegrationError_total", "stage", "dev", "route", "")).isEqualTo(1);
                assertThat(s.value("ClientError_total", "stage", "dev")).isEqualTo(1);
                assertThat(s.value("IntegrationLatency_seconds_count", "stage", "dev", "route", "echo")).isEqualTo(1);
                assertThat(s.value("socketway_connections_open", "stage", "dev")).isEqualTo(2);
                assertThat(s.value("socketway_received_bytes_total", "stage", "dev"))
                        .isEqualTo(("{\"action\":\"echo\",\"text\":\"hi\"}{\"action\":\"fail\"}{\"action\":\"bad\"}"
                                + "{\"action\":\"nope\"}").length());
                assertThat(s.value("socketway_messages_sent_total", "kind", "reply")).isEqualTo(1);
                assertThat(s.value("socketway_messages_sent_total", "kind", "error")).isEqualTo(2);
                assertThat(s.value("socketway_function_in_flight")).isZero();
            });
        }
    }

    @Test
    void showsRouteTagsNowhereWithoutDetailedMetricsAndNeverAConnectionId() throws Exception {
        try (OpsFixture ops = chatLike().start(); TestWebSocket a = ops.connect()) {
            a.send("{\"action\":\"echo\"}");
            a.next(WAIT);
            String id = ops.server.gateway().connections().iterator().next().id();

            Scrape s = ops.scrape();

            assertThat(s.samples()).filteredOn(sample -> sample.labels().containsKey("route"))
                    .allSatisfy(sample -> assertThat(sample.labels().get("route")).isEmpty());
            assertThat(s.text()).doesNotContain(id);
        }
    }

    @Test
    void includesJvmAndProcessMetrics() throws Exception {
        try (OpsFixture ops = chatLike().start()) {
            // bound in the background, off the start-up path
            await().atMost(WAIT).until(() -> ops.scrape().has("process_uptime_seconds"));
            Scrape s = ops.scrape();

            assertThat(s.has("jvm_memory_used_bytes")).isTrue();
            assertThat(s.has("jvm_threads_live_threads")).isTrue();
            assertThat(s.has("process_cpu_usage") || s.has("system_cpu_count")).isTrue();
            assertThat(s.has("process_uptime_seconds")).isTrue();
            assertThat(ops.get("/_socketway/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
        }
    }

    @Test
    void servesAConfiguredPathOnly() throws Exception {
        try (OpsFixture ops = chatLike()
                .settings(s -> s.withMetrics(MetricsSettings.DEFAULT.withPath("/ops/metrics")))
                .start()) {
            HttpResponse<String> moved = ops.get("/ops/metrics");

            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(moved.body()).contains("ConnectCount_total");
            assertThat(ops.get("/_socketway/metrics").statusCode()).isEqualTo(404);
            assertThat(ops.get("/_socketway/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesUnsignedScrapesOnceAccessKeysAreConfigured() throws Exception {
        AccessKey key = new AccessKey("AKIDOPS", "ops-secret", Set.of(), Set.of());
        try (OpsFixture ops = chatLike()
                .settings(s -> s.withSecurity(s.security().withAccessKeys(List.of(key))))
                .start()) {
            HttpResponse<String> unsigned = ops.get("/_socketway/metrics");

            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
            assertThat(ops.get("/_socketway/alarms").statusCode()).isEqualTo(403);
            assertThat(ops.get("/_socketway/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aMetricsPortServesTheScrapeWithoutSigningAndNothingElse() throws Exception {
        AccessKey key = new AccessKey("AKIDOPS", "ops-secret", Set.of(), Set.of());
        try (OpsFixture ops = chatLike()
                .settings(s -> s.withSecurity(s.security().withAccessKeys(List.of(key)))
                        .withMetrics(MetricsSettings.DEFAULT.withListener(
                                java.net.InetSocketAddress.createUnresolved("127.0.0.1", 0))))
                .start();
                TestWebSocket client = ops.connect()) {
            int metricsPort = ops.server.metricsPort();
            assertThat(metricsPort).isPositive().isNotEqualTo(ops.server.port());
            assertThat(ops.get("/_socketway/metrics").statusCode()).as("the main port still wants a signature")
                    .isEqualTo(403);

            HttpResponse<String> scrape = onPort(metricsPort, "/_socketway/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("ConnectCount_total");
            assertThat(onPort(metricsPort, "/_socketway/ready").statusCode()).isEqualTo(200);
            assertThat(onPort(metricsPort, "/_socketway/alarms").statusCode()).as("only the metrics page").isEqualTo(404);
            assertThat(onPort(metricsPort, "/dev/@connections").statusCode()).isEqualTo(404);
            assertThat(onPort(metricsPort, "/_socketway/console").statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<String> onPort(int port, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
