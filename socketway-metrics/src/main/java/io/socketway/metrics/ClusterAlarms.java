package io.socketway.metrics;

import io.socketway.api.spi.AlarmStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alarms on the combined traffic of every node that shares an {@link AlarmStore}. For each completed period
 * a node {@link #flush contributes} its own aggregate; once the period's grace delay has passed, it reads every
 * node's contribution, merges them (a period nobody contributed to is missing data) and evaluates the period from the
 * state the cluster shares. The new state is stored by compare-and-set on the state's period: the node that stores it
 * owns the transition (it logs and notifies), every other node finds the period already evaluated and adopts the
 * stored state. So each transition is notified once, and every node shows the same state.
 *
 * <p>Threading: confined to the alarm engine's evaluation thread; calls wait for the store (at most
 * {@value #STORE_TIMEOUT_SECONDS} s) and throw {@link StoreException} when it fails.
 */
final class ClusterAlarms {
    static final int STORE_TIMEOUT_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterAlarms.class);
    private static final int CLAIM_ATTEMPTS = 3;
    private static final Duration MIN_DATA_TTL = Duration.ofMinutes(1);
    private static final Duration MIN_STATE_TTL = Duration.ofDays(1);

    private final AlarmStore store;
    private final String apiId;
    private final String nodeId;
    private final Map<Alarm, Long> flushed = new HashMap<>();
    private final java.util.Set<Alarm> resyncing = new java.util.HashSet<>();

    ClusterAlarms(AlarmStore store, String apiId, String nodeId) {
        this.store = store;
        this.apiId = apiId;
        this.nodeId = nodeId;
    }

    /** Returns the alarm's id in the store: {@code apiId/LogicalId}. */
    String id(Alarm alarm) {
        return apiId + "/" + alarm.definition.logicalId();
    }

    /** Starts an alarm at period {@code first}, the one this node starts in, and adopts the cluster's state. */
    void start(Alarm alarm, long first) {
        alarm.startAt(first);
        flushed.put(alarm, first - 1);
        try {
            await(store.state(id(alarm))).ifPresent(alarm::adopt);
        } catch (StoreException e) {
            LOG.debug("Alarm {}: no shared state yet: {}", alarm.definition.alarmName(), e.getMessage());
        }
    }

    /** Marks every alarm for a fresh start once the store answers again (see {@link #flush}). */
    void failed() {
        resyncing.addAll(flushed.keySet());
    }

    /**
     * Contributes this node's aggregate of each period before {@code current} not contributed yet. After the store
     * failed, first checks that it answers, adopts the stored state and skips the periods that ended meanwhile: they
     * are not evaluated, since no node could contribute to them in full.
     */
    void flush(Alarm alarm, long current) {
        if (resyncing.contains(alarm)) {
            await(store.state(id(alarm))).ifPresent(alarm::adopt);
            alarm.skipTo(current - 1);
            flushed.put(alarm, current - 1);
            resyncing.remove(alarm);
        }
        long last = flushed.getOrDefault(alarm, current - 1);
        for (long i = Math.max(last + 1, current - Alarm.SLACK); i < current; i++) {
            await(store.contribute(id(alarm), i, nodeId, alarm.contribution(i).encode(), dataTtl(alarm)));
            flushed.put(alarm, i);
        }
    }

    /**
     * Evaluates, in order, each period up to {@code completed} that neither this node nor another evaluated yet;
     * returns the transitions this node claimed.
     */
    List<Alarm.Transition> evaluate(Alarm alarm, long completed, Instant now) {
        List<Alarm.Transition> claimed = new ArrayList<>(0);
        for (long i = Math.max(alarm.lastEvaluated() + 1, completed - Alarm.SLACK); i <= completed; i++) {
            merge(alarm, i);
            Alarm.Transition t = claim(alarm, i, now);
            if (t != null) {
                claimed.add(t);
            }
        }
        return claimed;
    }

    /** Reads and merges the contributions to the periods that period {@code index}'s evaluation reads. */
    private void merge(Alarm alarm, long index) {
        List<Long> wanted = new ArrayList<>();
        for (long i = index - alarm.definition.evaluationPeriods() + 1; i <= index; i++) {
            if (!alarm.hasMerged(i)) {
                wanted.add(i);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        await(store.read(id(alarm), wanted)).forEach((period, contributions) ->
                alarm.putMerged(period, merged(alarm, contributions)));
    }

    /** Returns the merged aggregate of every node's contribution; {@code null} (missing) when there is none. */
    static @Nullable PeriodAggregate merged(Alarm alarm, List<byte[]> contributions) {
        PeriodAggregate sum = null;
        for (byte[] bytes : contributions) {
            try {
                PeriodAggregate one = PeriodAggregate.decode(bytes, alarm.definition.extendedStatistic(),
                        alarm.metric.resolution);
                if (sum == null) {
                    sum = alarm.newAggregate();
                }
                sum.merge(one);
            } catch (IllegalArgumentException e) {
                LOG.debug("Alarm {}: skipped a contribution: {}", alarm.definition.alarmName(), e.getMessage());
            }
        }
        return sum;
    }

    /**
     * Evaluates period {@code index} from the stored state and stores the result, unless another node got there
     * first (then adopts its result). Returns the transition when this node stored one.
     */
    private Alarm.@Nullable Transition claim(Alarm alarm, long index, Instant now) {
        AlarmStore.State before = alarm.shared(alarm.lastEvaluated());
        try {
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                Optional<AlarmStore.State> stored = await(store.state(id(alarm)));
                if (stored.isPresent() && stored.get().period() >= index) {
                    adopt(alarm, stored.get());
                    return null;
                }
                stored.ifPresent(alarm::adopt);
                Alarm.Transition t = alarm.evaluatePeriod(index, now);
                long expected = stored.map(AlarmStore.State::period).orElse(AlarmStore.NO_STATE);
                if (await(store.replaceState(id(alarm), expected, alarm.shared(index), stateTtl(alarm)))) {
                    return t;
                }
                alarm.restore(before);
            }
            await(store.state(id(alarm))).ifPresent(s -> adopt(alarm, s));
            return null;
        } catch (StoreException e) {
            alarm.restore(before); // keeps the last state; the period is evaluated again when the store answers
            throw e;
        }
    }

    private static void adopt(Alarm alarm, AlarmStore.State stored) {
        AlarmState before = alarm.status().state();
        alarm.adopt(stored);
        if (before != alarm.status().state()) {
            LOG.debug("Alarm {} is {} (changed by another node)", alarm.definition.alarmName(), stored.state());
        }
    }

    /** Keeps a period's contributions as long as an evaluation may still read them, and a minute at least. */
    private static Duration dataTtl(Alarm alarm) {
        Duration window = Duration.ofNanos(alarm.periodNanos()
                * (alarm.definition.evaluationPeriods() + Alarm.SLACK + 2L));
        return window.compareTo(MIN_DATA_TTL) > 0 ? window : MIN_DATA_TTL;
    }

    /** Keeps the state for a day at least, so that a cluster restarted within it carries on from its state. */
    private static Duration stateTtl(Alarm alarm) {
        Duration window = dataTtl(alarm).multipliedBy(2);
        return window.compareTo(MIN_STATE_TTL) > 0 ? window : MIN_STATE_TTL;
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new StoreException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException("no answer within " + STORE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        }
    }

    /** The alarm store failed or did not answer. */
    static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
