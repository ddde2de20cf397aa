package io.socketway.metrics;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.DisconnectCause;
import io.socketway.api.spi.GatewayObserver;
import io.socketway.api.spi.MessageBus;
import io.socketway.core.MetricsSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the template's {@code AWS::CloudWatch::Alarm}s against the gateway's events, the way CloudWatch does:
 * samples are grouped into periods of the alarm's {@code Period} (times {@link MetricsSettings#periodUnit()}), and
 * once a period completes the last {@code EvaluationPeriods} periods decide the state. Transitions are logged (always),
 * reported to a listener (gauges, webhooks) and visible through {@link #statuses()}.
 *
 * <p>Threading: the observer methods are called concurrently on event loops and virtual threads; each finds the alarms
 * on its metric in a precomputed array (empty for metrics no alarm watches, so the cost without alarms is an array
 * length check) and adds a sample under the alarm's lock. Evaluation runs on one scheduler thread of its own; on a
 * cluster ({@link ClusterAlarms}) that thread also waits for the alarm store.
 */
final class AlarmEngine implements GatewayObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
    private static final Alarm[] NONE = new Alarm[0];

    private final List<Alarm> alarms = new ArrayList<>();
    private final Alarm[][] byMetric = new Alarm[AlarmMetric.values().length][];
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final long epoch = System.nanoTime();
    private final Clock clock;
    private final Consumer<Alarm.Transition> listener;
    private final @Nullable ScheduledExecutorService scheduler;
    private final @Nullable ClusterAlarms cluster;
    private long tick;
    private boolean storeFailing;

    AlarmEngine(ApiDefinition api, MetricsSettings settings, Clock clock, Consumer<Alarm.Transition> listener) {
        this(api, settings, clock, listener, null);
    }

    /**
     * Creates the engine; with {@code cluster}, alarms are evaluated on the combined traffic of the nodes sharing its
     * store, in periods aligned to the wall clock (so that every node's periods are the same).
     */
    AlarmEngine(ApiDefinition api, MetricsSettings settings, Clock clock, Consumer<Alarm.Transition> listener,
            @Nullable ClusterAlarms cluster) {
        this.clock = clock;
        this.listener = listener;
        this.cluster = cluster;
        long unit = settings.periodUnit().toNanos();
        for (AlarmDefinition definition : api.alarms().values()) {
            alarms.add(new Alarm(definition, definition.periodSeconds() * unit, clock.instant(), cluster != null));
        }
        for (AlarmMetric metric : AlarmMetric.values()) {
            byMetric[metric.ordinal()] = alarms.stream().filter(a -> a.metric == metric).toArray(Alarm[]::new);
            if (byMetric[metric.ordinal()].length == 0) {
                byMetric[metric.ordinal()] = NONE;
            }
        }
        api.stages().forEach(s -> open.put(s.name(), new AtomicInteger()));
        if (alarms.isEmpty()) {
            scheduler = null;
            return;
        }
        tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(TimeUnit.SECONDS.toNanos(1), alarms.stream().mapToLong(Alarm::periodNanos).min()
                        .orElseThrow() / 10));
        if (cluster != null) {
            long now = now();
            alarms.forEach(a -> cluster.start(a, now / a.periodNanos()));
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("socketway-alarms").daemon().factory());
        scheduler.scheduleAtFixedRate(this::evaluate, tick, tick, TimeUnit.NANOSECONDS);
        LOG.info("Evaluating {} alarm(s){}: {}", alarms.size(), cluster == null ? "" : " on the cluster's traffic",
                alarms.stream().map(a -> a.definition.alarmName()).toList());
    }

    /** Returns every alarm's current state, in template order. */
    List<AlarmStatus> statuses() {
        return alarms.stream().map(Alarm::status).toList();
    }

    /** Evaluates every alarm whose period has completed since its last evaluation. */
    void evaluate() {
        long now = now();
        if (cluster != null) {
            evaluateCluster(cluster, now);
            return;
        }
        for (Alarm alarm : alarms) {
            try {
                sampleGauges(alarm, now);
                for (Alarm.Transition t : alarm.evaluate(now / alarm.periodNanos() - 1, clock.instant())) {
                    log(t);
                    listener.accept(t);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not evaluate alarm {}", alarm.definition.alarmName(), e);
            }
        }
    }

    /**
     * Contributes the periods this node completed and evaluates those whose grace delay has passed. While the store
     * fails, alarms keep their last state (logged once); when it answers again, the periods that ended meanwhile are
     * skipped and evaluation resumes with the period in progress.
     */
    private void evaluateCluster(ClusterAlarms cluster, long now) {
        for (Alarm alarm : alarms) {
            try {
                sampleGauges(alarm, now);
                cluster.flush(alarm, now / alarm.periodNanos());
                long completed = (now - grace(alarm)) / alarm.periodNanos() - 1;
                for (Alarm.Transition t : cluster.evaluate(alarm, completed, clock.instant())) {
                    log(t);
                    listener.accept(t);
                }
            } catch (ClusterAlarms.StoreException e) {
                cluster.failed();
                if (!storeFailing) {
                    LOG.warn("Alarms: the cluster's alarm store fails ({}); alarms keep their last state until it"
                            + " answers again", e.getMessage());
                    storeFailing = true;
                }
                return;
            } catch (RuntimeException e) {
                LOG.warn("Could not evaluate alarm {}", alarm.definition.alarmName(), e);
            }
        }
        if (storeFailing) {
            LOG.info("Alarms: the cluster's alarm store answers again; evaluating alarms on the cluster's traffic");
            storeFailing = false;
        }
    }

    /**
     * Returns how long after a period ends it is evaluated, so that every node's contribution is in: half the period,
     * at most 5 s, at least two ticks (a node contributes on its first tick after the period).
     */
    private long grace(Alarm alarm) {
        return Math.max(2 * tick, Math.min(alarm.periodNanos() / 2, TimeUnit.SECONDS.toNanos(5)));
    }

    /** Returns the time that places samples in periods: node-relative, or wall-clock time on a cluster. */
    private long now() {
        if (cluster == null) {
            return System.nanoTime() - epoch;
        }
        java.time.Instant instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private void sampleGauges(Alarm alarm, long now) {
        if (alarm.metric == AlarmMetric.CONNECTION_COUNT) {
            int total = 0;
            for (Map.Entry<String, AtomicInteger> e : open.entrySet()) {
                if (alarm.matches(e.getKey(), null)) {
                    total += e.getValue().get();
                }
            }
            alarm.add(now / alarm.periodNanos(), total);
        }
    }

    private static void log(Alarm.Transition t) {
        String name = t.alarm().definition.alarmName();
        if (t.to() == AlarmState.ALARM) {
            LOG.warn("Alarm {} changed from {} to {}: {}", name, t.from(), t.to(), t.reason());
        } else {
            LOG.info("Alarm {} changed from {} to {}: {}", name, t.from(), t.to(), t.reason());
        }
    }

    private void record(AlarmMetric metric, @Nullable String stage, @Nullable String route, double value) {
        Alarm[] watching = byMetric[metric.ordinal()];
        if (watching.length == 0) {
            return;
        }
        long now = now();
        for (Alarm alarm : watching) {
            if (alarm.matches(stage, route)) {
                alarm.add(now / alarm.periodNanos(), value);
            }
        }
    }

    private void request(String stage, @Nullable String route, AlarmMetric error) {
        record(AlarmMetric.CLIENT_ERROR, stage, route, error == AlarmMetric.CLIENT_ERROR ? 1 : 0);
        record(AlarmMetric.INTEGRATION_ERROR, stage, route, error == AlarmMetric.INTEGRATION_ERROR ? 1 : 0);
        record(AlarmMetric.EXECUTION_ERROR, stage, route, error == AlarmMetric.EXECUTION_ERROR ? 1 : 0);
    }

    @Override
    public void connectRequested(String stage) {
        record(AlarmMetric.CONNECT_COUNT, stage, "$connect", 1);
    }

    @Override
    public void connectionOpened(String stage) {
        AtomicInteger count = open.get(stage);
        if (count != null) {
            count.incrementAndGet();
        }
    }

    @Override
    public void messageReceived(String stage, @Nullable String route, int bytes) {
        record(AlarmMetric.MESSAGE_COUNT, stage, route, 1);
        record(AlarmMetric.BYTES_IN, stage, route, bytes);
    }

    @Override
    public void messageSent(String stage, OutboundKind kind, int bytes) {
        record(AlarmMetric.MESSAGE_COUNT, stage, null, 1);
        record(AlarmMetric.BYTES_OUT, stage, null, bytes);
    }

    @Override
    public void clientError(String stage, @Nullable String route, int status) {
        request(stage, route, AlarmMetric.CLIENT_ERROR);
    }

    @Override
    public void integrationCompleted(String stage, String route, Outcome outcome, long latencyNanos) {
        request(stage, route, switch (outcome) {
            case OK -> AlarmMetric.CONNECT_COUNT; // no error metric gets a 1
            case INTEGRATION_ERROR -> AlarmMetric.INTEGRATION_ERROR;
            case CLIENT_ERROR -> AlarmMetric.CLIENT_ERROR;
            case EXECUTION_ERROR -> AlarmMetric.EXECUTION_ERROR;
        });
        if (latencyNanos >= 0 && outcome != Outcome.CLIENT_ERROR) {
            record(AlarmMetric.INTEGRATION_LATENCY, stage, route, latencyNanos / 1_000_000.0);
        }
    }

    @Override
    public void throttled(String stage, Throttle kind) {
        record(AlarmMetric.THROTTLE_COUNT, stage, null, 1);
    }

    @Override
    public void outboundRefused(String stage, OutboundKind kind) {
        record(AlarmMetric.OUTBOUND_BUFFER_REFUSALS, stage, null, 1);
    }

    @Override
    public void disconnected(String stage, int code, DisconnectCause cause) {
        AtomicInteger count = open.get(stage);
        if (count != null && cause != DisconnectCause.NODE_LOST) {
            count.decrementAndGet();
        }
        boolean abnormal = DisconnectCause.isAbnormal(code, cause);
        record(AlarmMetric.DISCONNECT_COUNT, stage, null, 1);
        record(AlarmMetric.ABNORMAL_DISCONNECT_COUNT, stage, null, abnormal ? 1 : 0);
        record(AlarmMetric.ABNORMAL_DISCONNECT_SHARE, stage, null, abnormal ? 100 : 0);
    }

    @Override
    public void remoteDelivery(String operation, MessageBus.Delivery result, long latencyNanos) {
        record(AlarmMetric.BUS_DELIVERY_LATENCY, null, null, latencyNanos / 1_000_000.0);
    }

    /** Stops evaluating. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
