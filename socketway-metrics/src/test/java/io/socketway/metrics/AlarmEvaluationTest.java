package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.Comparison;
import io.socketway.api.AlarmDefinition.MissingData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch's evaluation rules on period datapoints: statistics and percentiles, M out of N, TreatMissingData, and
 * periods a late scheduler tick would otherwise skip. Driven by period index, no clock.
 */
class AlarmEvaluationTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private static Alarm alarm(String metric, String statistic, int n, int m, double threshold, Comparison op,
            MissingData missing) {
        String namespace = metric.equals("IntegrationLatency") || metric.equals("ClientError") ? "AWS/ApiGateway"
                : "Socketway";
        return new Alarm(new AlarmDefinition("A", "a", "", namespace, metric, Map.of(), statistic, 60, n, m,
                threshold, op, missing, true, List.of(), List.of(), List.of()), 1, NOW);
    }

    private static List<AlarmState> states(Alarm alarm, long completed) {
        return alarm.evaluate(completed, NOW).stream().map(Alarm.Transition::to).toList();
    }

    @Test
    void percentileOfLatencySamplesDecides() {
        Alarm alarm = alarm("IntegrationLatency", "p99", 1, 1, 500, Comparison.GreaterThanThreshold,
                MissingData.missing);
        for (int i = 1; i <= 100; i++) {
            alarm.add(0, i == 100 ? 900 : 10);
        }
        for (int i = 1; i <= 100; i++) {
            alarm.add(1, i >= 99 ? 900 : 10);
        }

        assertThat(states(alarm, 0)).containsExactly(AlarmState.OK);
        assertThat(states(alarm, 1)).containsExactly(AlarmState.ALARM);
        assertThat(alarm.status().reason()).contains("[900.0]").contains("greater than the threshold (500.0)");
    }

    @Test
    void needsDatapointsToAlarmOutOfEvaluationPeriods() {
        Alarm alarm = alarm("ThrottleCount", "Sum", 3, 2, 5, Comparison.GreaterThanOrEqualToThreshold,
                MissingData.missing);
        alarm.add(0, 5);

        assertThat(states(alarm, 2)).containsExactly(AlarmState.OK);
        alarm.add(3, 6);
        alarm.add(4, 7);
        assertThat(states(alarm, 4)).containsExactly(AlarmState.ALARM);
    }

    @Test
    void evaluatesEveryPeriodALateTickWouldSkip() {
        Alarm alarm = alarm("ThrottleCount", "Sum", 1, 1, 1, Comparison.GreaterThanOrEqualToThreshold,
                MissingData.missing);
        alarm.add(1, 1);

        assertThat(states(alarm, 3)).containsExactly(AlarmState.OK, AlarmState.ALARM, AlarmState.OK);
    }

    @Test
    void countsAreZeroWhenIdleButAveragesAreMissing() {
        Alarm sum = alarm("DisconnectCount", "Sum", 1, 1, 1, Comparison.LessThanThreshold, MissingData.missing);
        Alarm share = alarm("AbnormalDisconnectShare", "Average", 1, 1, 25, Comparison.GreaterThanThreshold,
                MissingData.missing);

        assertThat(states(sum, 0)).containsExactly(AlarmState.ALARM);
        assertThat(states(share, 0)).isEmpty();
        assertThat(share.status().state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(share.status().reason()).isEqualTo("Unchecked: Initial alarm creation");
    }

    @Test
    void treatsMissingDataAsTheAlarmSays() {
        Comparison op = Comparison.GreaterThanThreshold;
        Alarm breaching = alarm("IntegrationLatency", "Average", 2, 2, 100, op, MissingData.breaching);
        Alarm notBreaching = alarm("IntegrationLatency", "Average", 2, 2, 100, op, MissingData.notBreaching);
        Alarm ignore = alarm("IntegrationLatency", "Average", 1, 1, 100, op, MissingData.ignore);
        Alarm missing = alarm("IntegrationLatency", "Average", 1, 1, 100, op, MissingData.missing);
        for (Alarm a : List.of(breaching, notBreaching, ignore, missing)) {
            a.add(0, 500);
        }

        assertThat(states(breaching, 1)).containsExactly(AlarmState.ALARM);
        assertThat(states(notBreaching, 1)).containsExactly(AlarmState.OK);
        assertThat(states(ignore, 1)).containsExactly(AlarmState.ALARM);
        assertThat(states(missing, 1)).containsExactly(AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA);
    }
}
