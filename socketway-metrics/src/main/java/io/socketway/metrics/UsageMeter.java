package io.socketway.metrics;

import io.socketway.api.ApiDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.api.spi.DisconnectCause;
import io.socketway.api.spi.GatewayObserver;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts a node's usage on AWS's meters from the gateway's events: per stage, per stage and route, and per UTC hour.
 * Each count is a {@link Counter} named by its store key ({@code s|dev|messagesIn}, {@code r|dev|sendmessage|invocations},
 * {@code h|2026-11-28T20:00:00Z|messageUnits}); {@link SocketwayUsage} flushes what grew since the last flush.
 *
 * <p>Threading: thread-safe and lock-free on the hot path: an event is a map lookup or two and {@link LongAdder}
 * increments. Counters of a stage and its routes are created at start; an hour's counters when the hour begins.
 */
final class UsageMeter implements GatewayObserver {
    /** A stage's counters, by store name. */
    enum Metric {
        MESSAGES_IN("messagesIn"), MESSAGES_OUT("messagesOut"), MESSAGE_UNITS("messageUnits"),
        CONNECTION_MINUTES("connectionMinutes"), CONNECTIONS("connections"), INVOCATIONS("invocations"),
        MB_MILLIS("mbMillis"), BYTES_IN("bytesIn"), BYTES_OUT("bytesOut"), IDLE_CLOSURES("idleClosures"),
        MAX_DURATION_CLOSURES("maxDurationClosures");

        final String key;

        Metric(String key) {
            this.key = key;
        }
    }

    /** The counters kept per route and per hour. */
    static final Metric[] DETAIL = {Metric.MESSAGE_UNITS, Metric.CONNECTION_MINUTES, Metric.INVOCATIONS,
        Metric.MB_MILLIS};

    /** One count; {@code flushed} is what the store already has (guarded by the flusher's lock). */
    static final class Counter {
        final String name;
        final LongAdder value = new LongAdder();
        long flushed;

        Counter(String name) {
            this.name = name;
        }

        void add(long amount) {
            value.add(amount);
        }

        /** Returns what grew since the last flush. */
        long pending() {
            return value.sum() - flushed;
        }
    }

    private record Hour(long hour, Map<Metric, Counter> counters) {}

    private final Map<String, Map<Metric, Counter>> stages = new ConcurrentHashMap<>();
    /** Route counters by stage, then route key: looked up per message without building a key string. */
    private final Map<String, Map<String, Map<Metric, Counter>>> routes = new ConcurrentHashMap<>();
    private final Map<Long, Hour> hours = new ConcurrentHashMap<>();
    private final Map<String, Counter> all = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile @Nullable Hour current;

    UsageMeter(ApiDefinition api, LongSupplier clock) {
        this.clock = clock;
        for (StageDefinition s : api.stages()) {
            stage(s.name());
            api.routes().keySet().forEach(route -> route(s.name(), route));
        }
    }

    @Override
    public void connectionOpened(String stage) {
        stage(stage).get(Metric.CONNECTIONS).add(1);
    }

    @Override
    public void messageReceived(String stage, @Nullable String route, int bytes) {
        long units = Metering.messageUnits(bytes);
        Map<Metric, Counter> s = stage(stage);
        s.get(Metric.MESSAGES_IN).add(1);
        s.get(Metric.BYTES_IN).add(bytes);
        s.get(Metric.MESSAGE_UNITS).add(units);
        hour().get(Metric.MESSAGE_UNITS).add(units);
        if (route != null) {
            route(stage, route).get(Metric.MESSAGE_UNITS).add(units);
        }
    }

    @Override
    public void messageSent(String stage, OutboundKind kind, int bytes) {
        long units = Metering.messageUnits(bytes);
        Map<Metric, Counter> s = stage(stage);
        s.get(Metric.MESSAGES_OUT).add(1);
        s.get(Metric.BYTES_OUT).add(bytes);
        s.get(Metric.MESSAGE_UNITS).add(units);
        hour().get(Metric.MESSAGE_UNITS).add(units);
    }

    @Override
    public void disconnected(String stage, int code, DisconnectCause cause) {
        if (cause == DisconnectCause.IDLE_TIMEOUT) {
            stage(stage).get(Metric.IDLE_CLOSURES).add(1);
        } else if (cause == DisconnectCause.MAX_DURATION) {
            stage(stage).get(Metric.MAX_DURATION_CLOSURES).add(1);
        }
    }

    @Override
    public void connectionEnded(String stage, long durationMillis) {
        long minutes = Metering.connectionMinutes(durationMillis);
        stage(stage).get(Metric.CONNECTION_MINUTES).add(minutes);
        hour().get(Metric.CONNECTION_MINUTES).add(minutes);
    }

    @Override
    public void functionInvoked(String stage, String route, String function, int memorySizeMb, long durationNanos) {
        long mbMillis = memorySizeMb * Metering.billedMillis(durationNanos);
        invoked(stage(stage), mbMillis);
        invoked(route(stage, route), mbMillis);
        invoked(hour(), mbMillis);
    }

    private static void invoked(Map<Metric, Counter> counters, long mbMillis) {
        counters.get(Metric.INVOCATIONS).add(1);
        counters.get(Metric.MB_MILLIS).add(mbMillis);
    }

    /** Returns every counter. */
    Collection<Counter> counters() {
        return all.values();
    }

    /** Forgets the counters of hours before {@code hour} once the store has all they counted. */
    void forgetHoursBefore(long hour) {
        hours.values().removeIf(h -> h.hour() < hour && h.counters().values().stream().allMatch(c -> {
            boolean done = c.pending() == 0;
            if (done) {
                all.remove(c.name);
            }
            return done;
        }));
    }

    /** Returns the store name of a stage's counter. */
    static String stageKey(String stage, Metric metric) {
        return "s|" + stage + "|" + metric.key;
    }

    /** Returns the store name of an hour's counter. */
    static String hourKey(long hour, Metric metric) {
        return "h|" + Instant.ofEpochSecond(hour * 3600) + "|" + metric.key;
    }

    private Map<Metric, Counter> stage(String stage) {
        Map<Metric, Counter> counters = stages.get(stage);
        return counters != null ? counters : stages.computeIfAbsent(stage, s -> counters(Metric.values(),
                m -> stageKey(s, m)));
    }

    private Map<Metric, Counter> route(String stage, String route) {
        Map<String, Map<Metric, Counter>> ofStage = routes.get(stage);
        if (ofStage == null) {
            ofStage = routes.computeIfAbsent(stage, k -> new ConcurrentHashMap<>());
        }
        Map<Metric, Counter> counters = ofStage.get(route);
        return counters != null ? counters : ofStage.computeIfAbsent(route, r -> counters(DETAIL,
                m -> "r|" + stage + "|" + r + "|" + m.key));
    }

    private Map<Metric, Counter> hour() {
        long hour = clock.getAsLong() / 3_600_000;
        Hour h = current;
        if (h == null || h.hour() != hour) {
            h = hours.computeIfAbsent(hour, n -> new Hour(n, counters(DETAIL, m -> hourKey(n, m))));
            current = h;
        }
        return h.counters();
    }

    private Map<Metric, Counter> counters(Metric[] metrics, java.util.function.Function<Metric, String> name) {
        Map<Metric, Counter> map = new EnumMap<>(Metric.class);
        for (Metric m : metrics) {
            Counter c = new Counter(name.apply(m));
            map.put(m, c);
            all.put(c.name, c);
        }
        return map; // never changed once built; an EnumMap lookup is an array index (Map.copyOf's map hashes and probes)
    }
}
