package io.socketway.core;

import static io.socketway.api.Checks.notNull;

import io.socketway.api.spi.AlarmStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AlarmStore} in this process: gateways embedded in one JVM that share it evaluate their alarms on their
 * combined traffic, as nodes sharing Redis do. Expired periods and states are dropped when next touched.
 *
 * <p>Threading: thread-safe; every call completes before it returns.
 */
public final class InMemoryAlarmStore implements AlarmStore {
    private final Map<String, Period> periods = new ConcurrentHashMap<>();
    private final Map<String, Expiring<State>> states = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Void> contribute(String alarmId, long period, String nodeId, byte[] aggregate,
            Duration ttl) {
        notNull(aggregate, "aggregate");
        long now = System.nanoTime();
        periods.values().removeIf(p -> p.expired(now));
        Period p = periods.computeIfAbsent(key(alarmId, period), k -> new Period());
        synchronized (p) {
            p.byNode.put(notNull(nodeId, "nodeId"), aggregate.clone());
            p.deadline = now + ttl.toNanos();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Map<Long, List<byte[]>>> read(String alarmId, Collection<Long> wanted) {
        long now = System.nanoTime();
        Map<Long, List<byte[]>> result = new LinkedHashMap<>();
        for (long index : wanted) {
            Period p = periods.get(key(alarmId, index));
            List<byte[]> all = new ArrayList<>();
            if (p != null) {
                synchronized (p) {
                    if (!p.expired(now)) {
                        p.byNode.values().forEach(a -> all.add(a.clone()));
                    }
                }
            }
            result.put(index, all);
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public CompletionStage<Optional<State>> state(String alarmId) {
        Expiring<State> stored = states.get(alarmId);
        return CompletableFuture.completedFuture(stored == null || stored.expired(System.nanoTime())
                ? Optional.empty() : Optional.of(stored.value));
    }

    @Override
    public CompletionStage<Boolean> replaceState(String alarmId, long expectedPeriod, State next, Duration ttl) {
        notNull(next, "next");
        boolean[] replaced = {false};
        long now = System.nanoTime();
        states.compute(alarmId, (id, stored) -> {
            long current = stored == null || stored.expired(now) ? NO_STATE : stored.value.period();
            if (current != expectedPeriod) {
                return stored;
            }
            replaced[0] = true;
            return new Expiring<>(next, now + ttl.toNanos());
        });
        return CompletableFuture.completedFuture(replaced[0]);
    }

    /** Forgets everything. */
    @Override
    public void close() {
        periods.clear();
        states.clear();
    }

    private static String key(String alarmId, long period) {
        return notNull(alarmId, "alarmId") + "|" + period;
    }

    /** The contributions to one period of one alarm; guarded by its own lock. */
    private static final class Period {
        final Map<String, byte[]> byNode = new LinkedHashMap<>();
        volatile long deadline;

        boolean expired(long now) {
            return now - deadline > 0;
        }
    }

    private record Expiring<T>(T value, long deadline) {
        boolean expired(long now) {
            return now - deadline > 0;
        }
    }
}
