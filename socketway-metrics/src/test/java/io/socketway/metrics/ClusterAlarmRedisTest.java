package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.Comparison;
import io.socketway.api.AlarmDefinition.MissingData;
import io.socketway.core.MetricsSettings;
import io.socketway.registry.redis.RedisEngine;
import io.socketway.registry.redis.RedisSettings;
import io.socketway.testing.RedisProcess;
import io.socketway.testing.TestWebSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gateway nodes sharing a real redis-server evaluate an alarm on their combined traffic: traffic that neither
 * node's share crosses the threshold with puts both in ALARM, a real webhook gets each transition once, and a
 * percentile is taken over both nodes' samples. One template second lasts 200 ms, so a 10-second period lasts 2 s;
 * bursts of traffic start just after a period boundary (periods are aligned to the wall clock).
 */
@Timeout(90)
class ClusterAlarmRedisTest {
    private static final String ARN = "arn:aws:sns:us-east-1:123456789012:ops";
    private static final Duration UNIT = Duration.ofMillis(200);
    private static final long PERIOD_MILLIS = 10 * UNIT.toMillis();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Path dir;
    private static RedisProcess redis;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer webhook;

    @BeforeAll
    static void startRedis() throws Exception {
        dir = Files.createTempDirectory("socketway-alarms-redis-");
        redis = RedisProcess.start(dir, port -> List.of());
    }

    @AfterAll
    static void stopRedis() {
        redis.kill();
        RedisProcess.deleteRecursively(dir);
    }

    @BeforeEach
    void start() throws Exception {
        RedisProcess.command(redis.port(), "FLUSHALL");
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        webhook.stop(0);
    }

    private OpsFixture node(String nodeId, AlarmDefinition alarm) {
        RedisEngine engine = RedisEngine.connect(RedisSettings.unencrypted(nodeId,
                List.of(URI.create("redis://127.0.0.1:" + redis.port()))));
        open.add(engine);
        URI hook = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        MetricsSettings metrics = MetricsSettings.DEFAULT.withPeriodUnit(UNIT).withAlarmActions(Map.of(ARN, hook));
        OpsFixture ops = OpsFixture.builder()
                .route("$default", false, e -> Map.of())
                .alarm(alarm)
                .settings(s -> s.withMetrics(metrics))
                .clusterNode(nodeId, engine, false)
                .start();
        open.add(ops);
        return ops;
    }

    private static AlarmDefinition alarm(String metric, String statistic, double threshold, int evaluationPeriods) {
        String namespace = metric.equals("ConnectCount") ? "AWS/ApiGateway" : "Socketway";
        return new AlarmDefinition("ClusterAlarm", "cluster-" + metric, "", namespace, metric, Map.of("Stage", "dev"),
                statistic, 10, evaluationPeriods, 1, threshold, Comparison.GreaterThanOrEqualToThreshold,
                MissingData.missing, true, List.of(ARN), List.of(ARN), List.of());
    }

    @Test
    void alarmsOnTheSumOfBothNodesAndNotifiesEachTransitionOnce() throws Exception {
        // ALARM when one of the last two periods saw 3 connects or more; each node gets 2
        AlarmDefinition alarm = alarm("ConnectCount", "Sum", 3, 2);
        OpsFixture a = node("node-a", alarm);
        OpsFixture b = node("node-b", alarm);
        await().atMost(WAIT).until(() -> states().equals(List.of("OK")));

        awaitPeriodStart();
        List<TestWebSocket> clients = List.of(a.connect(), b.connect(), a.connect(), b.connect());
        clients.forEach(TestWebSocket::close);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(state(a)).isEqualTo("ALARM");
            assertThat(state(b)).isEqualTo("ALARM");
            assertThat(a.scrape().value("socketway_alarm_state", "alarm", alarm.alarmName(), "state", "ALARM"))
                    .isEqualTo(1);
            assertThat(b.scrape().value("socketway_alarm_state", "alarm", alarm.alarmName(), "state", "ALARM"))
                    .isEqualTo(1);
        });
        await().atMost(WAIT).until(() -> states().equals(List.of("OK", "ALARM", "OK")));
        await().during(Duration.ofMillis(2 * PERIOD_MILLIS)).atMost(WAIT)
                .until(() -> states().equals(List.of("OK", "ALARM", "OK")));

        JsonNode alarmed = TestFunctions.JSON.readTree(received.get(1));
        assertThat(alarmed.get("OldStateValue").asText()).isEqualTo("OK");
        assertThat(alarmed.get("NewStateReason").asText()).contains("[4.0, 0.0]");
        assertThat(state(a)).isEqualTo("OK");
        assertThat(state(b)).isEqualTo("OK");
        assertThat(reason(a)).isEqualTo(reason(b));
    }

    @Test
    void takesThePercentileOverBothNodesSamples() throws Exception {
        // node A receives messages of 10, 20, ..., 50 bytes, node B of 60, ..., 100: together p90 is 90
        // (the 9th of 10); A alone has 50, B alone 100
        AlarmDefinition alarm = alarm("BytesIn", "p90", 85, 1);
        OpsFixture a = node("node-a", alarm);
        OpsFixture b = node("node-b", alarm);
        try (TestWebSocket onA = a.connect(); TestWebSocket onB = b.connect()) {
            awaitPeriodStart();
            for (int size = 10; size <= 50; size += 10) {
                onA.send("x".repeat(size));
                onB.send("y".repeat(size + 50));
            }

            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(state(a)).isEqualTo("ALARM");
                assertThat(state(b)).isEqualTo("ALARM");
            });
        }
        assertThat(reason(a)).contains("[90.0]").isEqualTo(reason(b));
        List<JsonNode> alarms = notifications().stream()
                .filter(n -> n.get("NewStateValue").asText().equals("ALARM")).toList();
        assertThat(alarms).hasSize(1);
        assertThat(alarms.get(0).get("NewStateReason").asText()).contains("[90.0]");
    }

    @Test
    void keepsTheLastStateWhileRedisIsDownAndEvaluatesAgainAfter() throws Exception {
        AlarmDefinition alarm = alarm("ConnectCount", "Sum", 3, 1);
        OpsFixture a = node("node-a", alarm);
        OpsFixture b = node("node-b", alarm);
        // one node claims the first evaluation and notifies; the other adopts it on its own evaluation of that period
        await().atMost(WAIT).until(() -> states().equals(List.of("OK")) && state(a).equals("OK")
                && state(b).equals("OK"));

        int port = redis.port();
        redis.kill();
        try {
            await().during(Duration.ofMillis(3 * PERIOD_MILLIS)).atMost(WAIT).until(() ->
                    state(a).equals("OK") && state(b).equals("OK") && states().equals(List.of("OK")));
        } finally {
            redis = RedisProcess.startOn(dir, port);
        }

        await().atMost(WAIT).until(() -> a.get("/_socketway/ready").statusCode() == 200
                && b.get("/_socketway/ready").statusCode() == 200);
        awaitPeriodStart();
        List<TestWebSocket> clients = List.of(a.connect(), b.connect(), a.connect(), b.connect());
        clients.forEach(TestWebSocket::close);
        // the burst's period alarms; the quiet one after it may already have brought the alarm back to OK
        await().atMost(WAIT).until(() -> states().contains("ALARM"));
        List<JsonNode> sent = notifications();
        assertThat(states().subList(0, 2)).containsExactly("OK", "ALARM");
        assertThat(sent.get(1).get("NewStateReason").asText()).contains("[4.0]");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(reason(b)).isEqualTo(reason(a));
            assertThat(state(b)).isEqualTo(state(a)).isEqualTo(states().getLast());
        });
        assertThat(states().stream().filter("ALARM"::equals)).hasSize(1);
    }

    /** Waits until a period has just begun, so that a short burst of traffic falls into one period. */
    private static void awaitPeriodStart() {
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofMillis(3 * PERIOD_MILLIS)).until(() -> {
            long into = System.currentTimeMillis() % PERIOD_MILLIS;
            return into >= 20 && into < 200;
        });
    }

    private static JsonNode listed(OpsFixture node) throws Exception {
        return TestFunctions.JSON.readTree(node.get("/_socketway/alarms").body()).get("MetricAlarms").get(0);
    }

    private static String state(OpsFixture node) throws Exception {
        return listed(node).get("StateValue").asText();
    }

    private static String reason(OpsFixture node) throws Exception {
        return listed(node).get("StateReason").asText();
    }

    private List<String> states() {
        return notifications().stream().map(n -> n.get("NewStateValue").asText()).toList();
    }

    private List<JsonNode> notifications() {
        return received.stream().map(body -> {
            try {
                return TestFunctions.JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
