package io.socketway.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured row of the results table. Latencies in milliseconds; {@code -1} (or NaN) means "not measured".
 * Immutable.
 *
 * @param scenario the scenario, e.g. {@code echo-100}
 * @param server {@code raw-netty}, {@code gateway}, ...
 * @param round the interleaving round (1-based)
 * @param rate operations per second (messages, pushes, handshakes)
 * @param count operations measured
 * @param errors error frames, failed calls or handshakes
 * @param serverCpu server CPU use over the window, in cores (1.0 = one core busy)
 * @param clientCpu the load generator's CPU use over the window, in cores
 * @param rssMb server RSS at the end of the window
 * @param note anything else
 */
record Result(String scenario, String server, int round, double rate, long count, double p50, double p90, double p99,
        double p999, double max, long errors, double serverCpu, double clientCpu, double rssMb, String note) {

    static Result of(String scenario, String server, int round, double seconds, long count, Histogram h, long errors,
            double serverCpu, double clientCpu, double rssMb, String note) {
        boolean empty = h == null || h.getTotalCount() == 0;
        return new Result(scenario, server, round, count / seconds, count,
                empty ? -1 : ms(h.getValueAtPercentile(50)), empty ? -1 : ms(h.getValueAtPercentile(90)),
                empty ? -1 : ms(h.getValueAtPercentile(99)), empty ? -1 : ms(h.getValueAtPercentile(99.9)),
                empty ? -1 : ms(h.getMaxValue()), errors, serverCpu, clientCpu, rssMb, note);
    }

    /** Server CPU time per operation in microseconds. */
    double cpuMicrosPerOp() {
        return rate <= 0 || serverCpu < 0 ? -1 : serverCpu * 1e6 / rate;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
