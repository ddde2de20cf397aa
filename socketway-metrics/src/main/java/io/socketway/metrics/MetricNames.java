package io.socketway.metrics;

/**
 * The meter names, as Micrometer sees them; Prometheus shows dots as underscores and adds {@code _total} to counters
 * and the base unit to timers ({@code IntegrationLatency_seconds}). AWS's names keep AWS's spelling so that a
 * dashboard or alarm written for CloudWatch finds them.
 */
final class MetricNames {
    // AWS/ApiGateway WebSocket metrics (spec §9)
    static final String CONNECT_COUNT = "ConnectCount";
    static final String MESSAGE_COUNT = "MessageCount";
    static final String INTEGRATION_ERROR = "IntegrationError";
    static final String CLIENT_ERROR = "ClientError";
    static final String EXECUTION_ERROR = "ExecutionError";
    static final String INTEGRATION_LATENCY = "IntegrationLatency";

    // Socketway's own
    static final String CONNECTIONS_OPEN = "socketway.connections.open";
    static final String CONNECTS = "socketway.connects";
    static final String CONNECTS_REJECTED = "socketway.connects.rejected";
    static final String DISCONNECTS = "socketway.disconnects";
    static final String ABNORMAL_DISCONNECTS = "socketway.disconnects.abnormal";
    static final String ABNORMAL_RATIO = "socketway.disconnects.abnormal.ratio";
    static final String MESSAGES_RECEIVED = "socketway.messages.received";
    static final String MESSAGES_SENT = "socketway.messages.sent";
    static final String BYTES_RECEIVED = "socketway.received";
    static final String BYTES_SENT = "socketway.sent";
    static final String OUTBOUND_REFUSALS = "socketway.outbound.refusals";
    static final String THROTTLES = "socketway.throttles";
    static final String FUNCTION_IN_FLIGHT = "socketway.function.in.flight";
    static final String BUS_LATENCY = "socketway.bus.delivery";
    static final String ALARM_STATE = "socketway.alarm.state";

    private MetricNames() {}
}
