package io.socketway.api.spi;

import static io.socketway.api.Checks.notNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Lets the nodes of a cluster evaluate each {@code AWS::CloudWatch::Alarm} on their combined traffic: every node
 * {@link #contribute contributes} what it measured in a period (an opaque, mergeable aggregate: count, sum, extremes,
 * a latency distribution), every node {@link #read reads} all contributions of a period and merges them, and the
 * alarm's state is one shared record that a node replaces only by {@link #replaceState compare-and-set}, so that one
 * node, and only one, claims each transition (and sends its notification).
 *
 * <p>Alarms are named by an id unique in the store (the gateway uses {@code apiId/LogicalId}); periods by their index
 * since the epoch ({@code epochTime / period}). A period without any contribution is missing data.
 *
 * <p>Contract: implementations are thread-safe and never block the caller; every method returns a stage that
 * completes once the change is visible to every node, or fails (the store is unreachable). Contributing twice to the
 * same period replaces the node's earlier contribution. Aggregates are counts and statistics, not user payload, so
 * they are stored in the clear.
 */
public interface AlarmStore extends AutoCloseable {

    /** The {@code expectedPeriod} of {@link #replaceState} when no state is stored yet. */
    long NO_STATE = Long.MIN_VALUE;

    /**
     * Stores {@code nodeId}'s aggregate for {@code period} of {@code alarmId} (replacing an earlier one of the same
     * node); the period's contributions may be forgotten {@code ttl} after the last one.
     */
    CompletionStage<Void> contribute(String alarmId, long period, String nodeId, byte[] aggregate, Duration ttl);

    /** Returns, for each of {@code periods}, every node's contribution (an empty list when none). */
    CompletionStage<Map<Long, List<byte[]>>> read(String alarmId, Collection<Long> periods);

    /** Returns the alarm's shared state, if any node stored one. */
    CompletionStage<Optional<State>> state(String alarmId);

    /**
     * Stores {@code next} as the alarm's state if the stored state's {@link State#period()} is still
     * {@code expectedPeriod} ({@link #NO_STATE} when none is stored); returns whether it did. The state may be
     * forgotten {@code ttl} after it was stored.
     */
    CompletionStage<Boolean> replaceState(String alarmId, long expectedPeriod, State next, Duration ttl);

    /** Releases what the store holds. */
    @Override
    void close();

    /**
     * An alarm's state as the cluster shares it.
     *
     * @param period the last period evaluated
     * @param state {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}
     * @param reason CloudWatch's {@code StateReason}
     * @param updatedAt when the alarm entered {@code state}
     */
    record State(long period, String state, String reason, Instant updatedAt) {
        public State {
            notNull(state, "state");
            notNull(reason, "reason");
            notNull(updatedAt, "updatedAt");
        }
    }
}
