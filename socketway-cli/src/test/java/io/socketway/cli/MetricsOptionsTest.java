package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.core.MetricsSettings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How the metrics options of {@code socketway run} become {@link MetricsSettings}. */
class MetricsOptionsTest {

    private static MetricsSettings parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.metrics.settings();
    }

    @Test
    void defaultsServeMetricsAtTheUsualPath() {
        assertThat(parse("template.yaml")).isEqualTo(MetricsSettings.DEFAULT);
    }

    @Test
    void mapsAlarmActionArnsToWebhooksAndMovesThePath() {
        MetricsSettings settings = parse("template.yaml", "--metrics-path", "/ops/metrics",
                "--alarm-action", "arn:aws:sns:us-east-1:123456789012:ops=https://hooks.example/ops?x=1",
                "--alarm-action", "arn:aws:sns:us-east-1:123456789012:dev=http://127.0.0.1:9000/");

        assertThat(settings.path()).isEqualTo("/ops/metrics");
        assertThat(settings.alarmActions()).containsExactly(
                Map.entry("arn:aws:sns:us-east-1:123456789012:ops", URI.create("https://hooks.example/ops?x=1")),
                Map.entry("arn:aws:sns:us-east-1:123456789012:dev", URI.create("http://127.0.0.1:9000/")));
    }

    @Test
    void canBeTurnedOff() {
        assertThat(parse("template.yaml", "--no-metrics").enabled()).isFalse();
    }

    @Test
    void namesABadActionOrPath() {
        assertThatThrownBy(() -> parse("template.yaml", "--alarm-action", "arn:aws:sns:x"))
                .hasMessage("--alarm-action: arn:aws:sns:x (expected: ARN=URL, such as"
                        + " arn:aws:sns:us-east-1:123456789012:ops=https://hooks.example/ops)");
        assertThatThrownBy(() -> parse("template.yaml", "--metrics-path", "metrics"))
                .hasMessageStartingWith("path: metrics (expected: an absolute path");
    }
}
