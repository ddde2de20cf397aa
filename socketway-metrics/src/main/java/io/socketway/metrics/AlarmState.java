package io.socketway.metrics;

/** The states of a CloudWatch alarm. */
public enum AlarmState {
    /** The metric is within the threshold. */
    OK,
    /** The metric breached the threshold in enough of the evaluated periods. */
    ALARM,
    /** Not enough data to decide: at start, or when data is missing and {@code TreatMissingData} is {@code missing}. */
    INSUFFICIENT_DATA
}
