package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::CloudWatch::Alarm} of the template, evaluated by the gateway against its own metrics.
 *
 * @param logicalId the resource's logical id
 * @param alarmName {@code AlarmName}, or the logical id
 * @param description {@code AlarmDescription}, or empty
 * @param namespace {@code AWS/ApiGateway} or {@code Socketway}
 * @param metricName for example {@code IntegrationLatency} or {@code AbnormalDisconnectCount}
 * @param dimensions {@code ApiId}, {@code ApiName}, {@code Stage}, {@code Route} values, in template order
 * @param statistic {@code SampleCount}, {@code Average}, {@code Sum}, {@code Minimum}, {@code Maximum}, or a
 *     percentile such as {@code p99} (from {@code ExtendedStatistic})
 * @param periodSeconds {@code Period}
 * @param evaluationPeriods {@code EvaluationPeriods}
 * @param datapointsToAlarm {@code DatapointsToAlarm}, default {@code EvaluationPeriods}
 * @param threshold {@code Threshold}
 * @param comparison {@code ComparisonOperator}
 * @param treatMissingData {@code TreatMissingData}
 * @param actionsEnabled {@code ActionsEnabled}
 * @param alarmActions ARNs notified on entering {@code ALARM}
 * @param okActions ARNs notified on entering {@code OK}
 * @param insufficientDataActions ARNs notified on entering {@code INSUFFICIENT_DATA}
 */
public record AlarmDefinition(String logicalId, String alarmName, String description, String namespace,
        String metricName, Map<String, String> dimensions, String statistic, int periodSeconds, int evaluationPeriods,
        int datapointsToAlarm, double threshold, Comparison comparison, MissingData treatMissingData,
        boolean actionsEnabled, List<String> alarmActions, List<String> okActions,
        List<String> insufficientDataActions) {

    /** API Gateway's namespace: AWS's WebSocket metric names. */
    public static final String AWS_NAMESPACE = "AWS/ApiGateway";
    /** The gateway's own metrics. */
    public static final String SOCKETWAY_NAMESPACE = "Socketway";
    /** The metric names alarms may use, by namespace. */
    public static final Map<String, java.util.Set<String>> METRICS = Map.of(
            AWS_NAMESPACE, orderedSet("ConnectCount", "MessageCount", "IntegrationError", "ClientError",
                    "ExecutionError", "IntegrationLatency"),
            SOCKETWAY_NAMESPACE, orderedSet("ConnectionCount", "DisconnectCount", "AbnormalDisconnectCount",
                    "AbnormalDisconnectShare", "OutboundBufferRefusals", "ThrottleCount", "BytesIn", "BytesOut",
                    "BusDeliveryLatency"));

    private static java.util.Set<String> orderedSet(String... names) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(names)));
    }

    public AlarmDefinition {
        notNull(logicalId, "logicalId");
        notNull(alarmName, "alarmName");
        notNull(description, "description");
        notNull(namespace, "namespace");
        notNull(metricName, "metricName");
        dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        notNull(statistic, "statistic");
        checkArgument(periodSeconds > 0, "periodSeconds: %s (expected: > 0)", periodSeconds);
        checkArgument(evaluationPeriods > 0, "evaluationPeriods: %s (expected: > 0)", evaluationPeriods);
        checkArgument(datapointsToAlarm > 0 && datapointsToAlarm <= evaluationPeriods,
                "datapointsToAlarm: %s (expected: 1 to evaluationPeriods %s)", datapointsToAlarm, evaluationPeriods);
        notNull(comparison, "comparison");
        notNull(treatMissingData, "treatMissingData");
        alarmActions = List.copyOf(alarmActions);
        okActions = List.copyOf(okActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
    }

    /** Returns true when {@link #statistic} is a percentile ({@code ExtendedStatistic}). */
    public boolean extendedStatistic() {
        return statistic.startsWith("p");
    }

    /** {@code ComparisonOperator} values that compare with a static threshold. */
    public enum Comparison {
        GreaterThanOrEqualToThreshold,
        GreaterThanThreshold,
        LessThanThreshold,
        LessThanOrEqualToThreshold;

        /** Returns true when {@code value} breaches {@code threshold}. */
        public boolean breaches(double value, double threshold) {
            return switch (this) {
                case GreaterThanOrEqualToThreshold -> value >= threshold;
                case GreaterThanThreshold -> value > threshold;
                case LessThanThreshold -> value < threshold;
                case LessThanOrEqualToThreshold -> value <= threshold;
            };
        }
    }

    /** {@code TreatMissingData} values. */
    public enum MissingData {
        missing,
        ignore,
        breaching,
        notBreaching
    }
}
