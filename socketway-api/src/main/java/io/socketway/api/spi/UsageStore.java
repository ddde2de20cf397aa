package io.socketway.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Keeps usage counters (messages, connection-minutes, invocations, ...) across restarts and, on a cluster, adds up
 * what every node counted. Counters are named by flat keys such as {@code s|dev|messagesIn} and only ever grow; each
 * node sends what it counted since its last flush with {@link #add}.
 *
 * <p>Besides counters, each node may publish {@link #putLive live} values (the minutes its open connections have been
 * open so far): they replace the node's previous ones and are forgotten {@code ttl} after the node stops publishing.
 *
 * <p>Contract: implementations are thread-safe and never block the caller; every method returns a stage that
 * completes once the change is durable (written to disk, acknowledged by Redis) or fails. Counts are not user
 * payload, so they are stored in the clear.
 */
public interface UsageStore extends AutoCloseable {

    /**
     * Adds {@code increments} to the counters of the same names (a missing counter starts at 0), all or none, and
     * only once per batch: a batch is {@code sequence} of {@code writer} (one writer per running node, numbering its
     * batches 1, 2, 3, ...), and a batch whose sequence is not above the writer's last added one is ignored. A writer
     * whose call failed does not know whether the batch arrived (a timeout after Redis applied it), so it sends the
     * same batch again with the same sequence until a call succeeds, and only then its next batch; the counts are
     * added exactly once either way.
     */
    CompletionStage<Void> add(String writer, long sequence, Map<String, Long> increments);

    /**
     * Records {@code now} as the start of metering unless a start is already stored, and returns the stored start:
     * the time of the first node's first start on this store.
     */
    CompletionStage<Instant> since(Instant now);

    /** Replaces this node's live values; they stop counting {@code ttl} after the last call. */
    CompletionStage<Void> putLive(String nodeId, Map<String, Long> values, Duration ttl);

    /**
     * Reads every counter, plus the live values of the nodes other than {@code nodeId} that are still publishing
     * (summed by name into the same map).
     */
    CompletionStage<Map<String, Long>> read(String nodeId);

    /** Deletes counters that are no longer reported (hour buckets that fell out of the window). */
    CompletionStage<Void> remove(java.util.Collection<String> names);

    /** Releases what the store holds (a file store writes its last snapshot). */
    @Override
    void close();
}
