package io.socketway.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.AlarmDefinition;
import io.socketway.api.ApiDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes alarms as JSON: the notification a webhook receives, shaped like the CloudWatch alarm message SNS delivers
 * ({@code AlarmName}, {@code NewStateValue}, {@code Trigger}, ...), and the state listing of
 * {@code GET /_socketway/alarms}, shaped like {@code DescribeAlarms}' {@code MetricAlarms}. Stateless and thread-safe.
 */
final class AlarmMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CloudWatch's {@code StateChangeTime} format, for example {@code 2024-03-01T12:00:00.000+0000}. */
    private static final DateTimeFormatter SNS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ApiDefinition api;

    AlarmMessages(ApiDefinition api) {
        this.api = api;
    }

    /** Returns the notification of a transition. */
    String notification(Alarm.Transition t) {
        AlarmDefinition d = t.alarm().definition;
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("AlarmName", d.alarmName());
        message.put("AlarmDescription", d.description().isEmpty() ? null : d.description());
        message.put("AWSAccountId", api.accountId());
        message.put("NewStateValue", t.to().name());
        message.put("NewStateReason", t.reason());
        message.put("StateChangeTime", SNS_TIME.format(t.at()));
        message.put("Region", api.region());
        message.put("AlarmArn", arn(d));
        message.put("OldStateValue", t.from().name());
        message.put("OKActions", d.okActions());
        message.put("AlarmActions", d.alarmActions());
        message.put("InsufficientDataActions", d.insufficientDataActions());
        message.put("Trigger", trigger(d));
        return write(message);
    }

    /** Returns the listing of every alarm's state. */
    String listing(List<AlarmStatus> statuses) {
        List<Map<String, Object>> alarms = new ArrayList<>();
        for (AlarmStatus s : statuses) {
            AlarmDefinition d = s.definition();
            Map<String, Object> alarm = new LinkedHashMap<>();
            alarm.put("AlarmName", d.alarmName());
            alarm.put("AlarmArn", arn(d));
            alarm.put("AlarmDescription", d.description());
            alarm.put("StateValue", s.state().name());
            alarm.put("StateReason", s.reason());
            alarm.put("StateUpdatedTimestamp", s.updatedAt().toString());
            alarm.put("ActionsEnabled", d.actionsEnabled());
            alarm.put("OKActions", d.okActions());
            alarm.put("AlarmActions", d.alarmActions());
            alarm.put("InsufficientDataActions", d.insufficientDataActions());
            alarm.put("MetricName", d.metricName());
            alarm.put("Namespace", d.namespace());
            alarm.put(d.extendedStatistic() ? "ExtendedStatistic" : "Statistic", d.statistic());
            alarm.put("Dimensions", dimensions(d, "Name", "Value"));
            alarm.put("Period", d.periodSeconds());
            alarm.put("EvaluationPeriods", d.evaluationPeriods());
            alarm.put("DatapointsToAlarm", d.datapointsToAlarm());
            alarm.put("Threshold", d.threshold());
            alarm.put("ComparisonOperator", d.comparison().name());
            alarm.put("TreatMissingData", d.treatMissingData().name());
            alarms.add(alarm);
        }
        return write(Map.of("MetricAlarms", alarms));
    }

    private Map<String, Object> trigger(AlarmDefinition d) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("MetricName", d.metricName());
        trigger.put("Namespace", d.namespace());
        if (d.extendedStatistic()) {
            trigger.put("StatisticType", "ExtendedStatistic");
            trigger.put("ExtendedStatistic", d.statistic());
        } else {
            trigger.put("StatisticType", "Statistic");
            trigger.put("Statistic", d.statistic().toUpperCase(Locale.ROOT));
        }
        trigger.put("Unit", null);
        trigger.put("Dimensions", dimensions(d, "name", "value"));
        trigger.put("Period", d.periodSeconds());
        trigger.put("EvaluationPeriods", d.evaluationPeriods());
        trigger.put("DatapointsToAlarm", d.datapointsToAlarm());
        trigger.put("ComparisonOperator", d.comparison().name());
        trigger.put("Threshold", d.threshold());
        trigger.put("TreatMissingData", d.treatMissingData().name());
        trigger.put("EvaluateLowSampleCountPercentile", "");
        return trigger;
    }

    private static List<Map<String, String>> dimensions(AlarmDefinition d, String nameKey, String valueKey) {
        List<Map<String, String>> out = new ArrayList<>();
        d.dimensions().forEach((name, value) -> {
            Map<String, String> dimension = new LinkedHashMap<>();
            dimension.put(valueKey, value);
            dimension.put(nameKey, name);
            out.add(dimension);
        });
        return out;
    }

    private String arn(AlarmDefinition d) {
        return io.socketway.api.Partitions.arnPrefix("cloudwatch", api.region()) + api.accountId() + ":alarm:"
                + d.alarmName();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns {@code at} in CloudWatch's notification format. */
    static String snsTime(Instant at) {
        return SNS_TIME.format(at);
    }
}
