package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.Comparison;
import io.socketway.api.AlarmDefinition.MissingData;
import io.socketway.core.MetricsSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An alarm from the template goes OK → ALARM → OK on real traffic, and a real webhook receives CloudWatch-shaped
 * notifications, retried after a 500. Alarm periods are shrunk: one template second lasts 30 ms.
 */
@Timeout(60)
class AlarmWebhookTest {
    private static final String ARN = "arn:aws:sns:us-east-1:123456789012:ops";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer webhook;

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = requests.incrementAndGet() == 1 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stopWebhook() {
        webhook.stop(0);
    }

    private static AlarmDefinition abnormalAlarm() {
        return new AlarmDefinition("Abnormal", "ops-abnormal-disconnects", "A client vanished", "Socketway",
                "AbnormalDisconnectCount", Map.of("Stage", "dev"), "Sum", 10, 1, 1, 1.0,
                Comparison.GreaterThanOrEqualToThreshold, MissingData.missing, true, List.of(ARN), List.of(ARN),
                List.of());
    }

    @Test
    void goesOkThenAlarmThenOkAndNotifiesTheWebhookWithRetries() throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        MetricsSettings metrics = MetricsSettings.DEFAULT.withPeriodUnit(Duration.ofMillis(30))
                .withAlarmActions(Map.of(ARN, hook)).withRetries(3, Duration.ofMillis(50));
        try (OpsFixture ops = OpsFixture.builder().route("$disconnect", false, e -> Map.of())
                .alarm(abnormalAlarm()).settings(s -> s.withMetrics(metrics)).start()) {
            // INSUFFICIENT_DATA -> OK after the first period; the first POST gets 500 and is retried
            await().atMost(WAIT).until(() -> states().contains("OK") && received.size() >= 2);
            assertThat(received.get(1)).isEqualTo(received.get(0));

            RawClient.connectAndDrop(ops.server.port(), "/dev");
            await().atMost(WAIT).until(() -> states().equals(List.of("OK", "OK", "ALARM", "OK")));

            List<JsonNode> notifications = notifications();
            JsonNode alarm = notifications.get(2);
            assertThat(alarm.get("AlarmName").asText()).isEqualTo("ops-abnormal-disconnects");
            assertThat(alarm.get("AlarmDescription").asText()).isEqualTo("A client vanished");
            assertThat(alarm.get("OldStateValue").asText()).isEqualTo("OK");
            assertThat(alarm.get("NewStateReason").asText()).startsWith("Threshold Crossed: 1 out of the last 1");
            assertThat(alarm.get("StateChangeTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
            assertThat(alarm.get("AlarmArn").asText())
                    .isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ops-abnormal-disconnects");
            JsonNode trigger = alarm.get("Trigger");
            assertThat(trigger.get("MetricName").asText()).isEqualTo("AbnormalDisconnectCount");
            assertThat(trigger.get("Namespace").asText()).isEqualTo("Socketway");
            assertThat(trigger.get("Statistic").asText()).isEqualTo("SUM");
            assertThat(trigger.get("Dimensions").get(0).get("name").asText()).isEqualTo("Stage");
            assertThat(trigger.get("Dimensions").get(0).get("value").asText()).isEqualTo("dev");
            assertThat(trigger.get("Period").asInt()).isEqualTo(10);
            assertThat(trigger.get("EvaluationPeriods").asInt()).isEqualTo(1);
            assertThat(trigger.get("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(trigger.get("Threshold").asDouble()).isEqualTo(1.0);
            assertThat(trigger.get("TreatMissingData").asText()).isEqualTo("missing");
            assertThat(notifications.get(3).get("OldStateValue").asText()).isEqualTo("ALARM");

            JsonNode listing = TestFunctions.JSON.readTree(ops.get("/_socketway/alarms").body());
            JsonNode listed = listing.get("MetricAlarms").get(0);
            assertThat(listed.get("AlarmName").asText()).isEqualTo("ops-abnormal-disconnects");
            assertThat(listed.get("StateValue").asText()).isEqualTo("OK");
            assertThat(listed.get("StateReason").asText()).contains("not greater than or equal to");
            Scrape s = ops.scrape();
            assertThat(s.value("socketway_alarm_state", "alarm", "ops-abnormal-disconnects", "state", "OK"))
                    .isEqualTo(1);
            assertThat(s.value("socketway_alarm_state", "alarm", "ops-abnormal-disconnects", "state", "ALARM"))
                    .isZero();
        }
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
