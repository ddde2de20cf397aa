package io.socketway.metrics;

/**
 * The metrics alarms can watch, and what one event contributes as a sample. Counts are "zero when idle": a period
 * without events has {@code Sum} and {@code SampleCount} 0 rather than no datapoint (a Prometheus counter's view);
 * averages, extremes and percentiles of a period without samples are missing, which {@code TreatMissingData} decides.
 * The error metrics get a sample for every request (1 for an error, 0 otherwise), so that their {@code Average} is an
 * error rate, as on AWS.
 */
enum AlarmMetric {
    CONNECT_COUNT("AWS/ApiGateway", "ConnectCount", true),
    MESSAGE_COUNT("AWS/ApiGateway", "MessageCount", true),
    INTEGRATION_ERROR("AWS/ApiGateway", "IntegrationError", true),
    CLIENT_ERROR("AWS/ApiGateway", "ClientError", true),
    EXECUTION_ERROR("AWS/ApiGateway", "ExecutionError", true),
    INTEGRATION_LATENCY("AWS/ApiGateway", "IntegrationLatency", false, 1000),
    CONNECTION_COUNT("Socketway", "ConnectionCount", false),
    DISCONNECT_COUNT("Socketway", "DisconnectCount", true),
    ABNORMAL_DISCONNECT_COUNT("Socketway", "AbnormalDisconnectCount", true),
    ABNORMAL_DISCONNECT_SHARE("Socketway", "AbnormalDisconnectShare", false),
    OUTBOUND_BUFFER_REFUSALS("Socketway", "OutboundBufferRefusals", true),
    THROTTLE_COUNT("Socketway", "ThrottleCount", true),
    BYTES_IN("Socketway", "BytesIn", true),
    BYTES_OUT("Socketway", "BytesOut", true),
    BUS_DELIVERY_LATENCY("Socketway", "BusDeliveryLatency", false, 1000);

    final String namespace;
    final String metricName;
    final boolean zeroWhenIdle;
    /** Percentile resolution: histogram units per unit of the metric (1000 for latencies in ms: microseconds). */
    final double resolution;

    AlarmMetric(String namespace, String metricName, boolean zeroWhenIdle) {
        this(namespace, metricName, zeroWhenIdle, 1);
    }

    AlarmMetric(String namespace, String metricName, boolean zeroWhenIdle, double resolution) {
        this.namespace = namespace;
        this.metricName = metricName;
        this.zeroWhenIdle = zeroWhenIdle;
        this.resolution = resolution;
    }

    /** Returns the metric with this namespace and name. */
    static AlarmMetric of(String namespace, String metricName) {
        for (AlarmMetric m : values()) {
            if (m.namespace.equals(namespace) && m.metricName.equals(metricName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("metric: " + namespace + " " + metricName
                + " (expected: a metric of " + io.socketway.api.AlarmDefinition.METRICS + ")");
    }
}
