package io.socketway.api.spi;

/**
 * Where formatted access-log lines go: standard output, a rotating file, a log shipper. A stage's
 * {@code AccessLogSettings.DestinationArn} (CloudWatch Logs, Firehose) cannot be honoured locally, so the node's
 * settings choose the sink instead.
 *
 * <p>Contract: called on event loops and on the gateway's virtual threads, concurrently. Implementations are
 * thread-safe, never block and never throw: they queue the line for a writer thread of their own, and when the queue
 * is full they drop the line and count it.
 */
@FunctionalInterface
public interface AccessLogSink {
    /**
     * Writes one line of a stage's access log.
     *
     * @param stage the stage whose {@code AccessLogSettings} formatted the line
     * @param line the formatted line, without a line terminator and without line breaks
     */
    void write(String stage, String line);
}
