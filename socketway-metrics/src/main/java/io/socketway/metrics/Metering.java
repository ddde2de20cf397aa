package io.socketway.metrics;

/**
 * AWS's meters: messages in 32 KB units, connection-minutes, Lambda's billed milliseconds. Stateless.
 */
final class Metering {
    /** API Gateway meters messages in 32 KB increments. */
    static final int MESSAGE_UNIT_BYTES = 32 * 1024;
    private static final long MINUTE_MILLIS = 60_000;
    private static final long NANOS_PER_MILLI = 1_000_000;
    /** MB·ms in one GB-second (Lambda: 1 GB = 1024 MB). */
    static final double MB_MILLIS_PER_GB_SECOND = 1024.0 * 1000.0;

    private Metering() {}

    /** Returns the metered messages of one message of {@code bytes}: 1 up to 32 KB, 2 up to 64 KB, ... (never 0). */
    static long messageUnits(long bytes) {
        return Math.max(1, (bytes + MESSAGE_UNIT_BYTES - 1) / MESSAGE_UNIT_BYTES);
    }

    /** Returns a finished connection's connection-minutes: its duration rounded up to the minute, at least 1. */
    static long connectionMinutes(long durationMillis) {
        return Math.max(1, (durationMillis + MINUTE_MILLIS - 1) / MINUTE_MILLIS);
    }

    /** Returns the whole minutes a live connection has been open so far. */
    static long elapsedMinutes(long durationMillis) {
        return Math.max(0, durationMillis / MINUTE_MILLIS);
    }

    /** Returns Lambda's billed duration: rounded up to the millisecond, at least 1 ms. */
    static long billedMillis(long durationNanos) {
        return Math.max(1, (durationNanos + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
    }

    /** Returns GB-seconds for MB·ms. */
    static double gbSeconds(long mbMillis) {
        return Prices.round(java.math.BigDecimal.valueOf(mbMillis)
                .divide(java.math.BigDecimal.valueOf(MB_MILLIS_PER_GB_SECOND), 12, java.math.RoundingMode.HALF_UP));
    }
}
