package io.socketway.metrics;

import static io.socketway.api.Checks.notNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.socketway.api.AlarmDefinition;
import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.AlarmStore;
import io.socketway.api.spi.GatewayObserver;
import io.socketway.core.Gateway;
import io.socketway.core.MetricsSettings;
import io.socketway.core.StatusPage;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node's metrics and alarms: a Prometheus registry fed by the gateway's events (plus JVM and process metrics), the
 * template's alarms evaluated against the same events, and the two pages that show them
 * ({@link MetricsSettings#path()}, {@link MetricsSettings#alarmsPath()}). {@link #bind} adds the observer and pages to
 * a gateway; {@link #close} stops the alarm scheduler and webhooks after the gateway has closed. On a cluster, alarms
 * are evaluated on every node's combined traffic through an {@link AlarmStore}.
 *
 * <p>The JVM and process meters ({@code jvm_*}, {@code process_*}) are bound on a background thread, since they load
 * JMX and would otherwise lengthen start-up; they appear within moments of {@link #create}.
 *
 * <p>Threading: thread-safe; see {@link MicrometerObserver} and {@link AlarmEngine} for the hot path.
 */
public final class SocketwayMetrics implements AutoCloseable {
    /** Prometheus' text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Binds the JVM and process meters in the background: they load JMX, off the start-up path. */
    private final Thread jvm;
    private final MetricsSettings settings;
    private final AlarmMessages messages;
    private final AlarmNotifier notifier;
    private final AlarmEngine alarms;
    private final GatewayObserver observer;

    private SocketwayMetrics(ApiDefinition api, MetricsSettings settings, Clock clock,
            @Nullable ClusterAlarms cluster) {
        this.settings = settings;
        this.messages = new AlarmMessages(api);
        this.notifier = new AlarmNotifier(settings);
        registry.config().commonTags("api_id", api.apiId());
        this.jvm = Thread.ofPlatform().daemon().name("socketway-jvm-metrics").start(this::bindJvmMetrics);
        for (AlarmDefinition d : api.alarms().values()) {
            for (AlarmState state : AlarmState.values()) {
                Gauge.builder(MetricNames.ALARM_STATE, () -> currentState(d.alarmName()) == state ? 1 : 0)
                        .description("1 for the alarm's current state, 0 for the others")
                        .tags(Tags.of("alarm", d.alarmName(), "state", state.name()))
                        .register(registry);
            }
        }
        this.alarms = new AlarmEngine(api, settings, clock, this::transitioned, cluster);
        warnAboutUnmappedActions(api, settings);
        this.observer = GatewayObserver.composite(List.of(new MicrometerObserver(api, registry), alarms));
    }

    private void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Creates the metrics and starts evaluating {@code api}'s alarms. */
    public static SocketwayMetrics create(ApiDefinition api, MetricsSettings settings) {
        return new SocketwayMetrics(notNull(api, "api"), notNull(settings, "settings"), Clock.systemUTC(), null);
    }

    /**
     * Creates the metrics of node {@code nodeId} and evaluates {@code api}'s alarms on the combined traffic of every
     * node that shares {@code store} (for example {@code RedisEngine.alarmStore()}): each transition is notified by one
     * node, and every node shows the same states. See docs/operations.md, "Alarms on several nodes".
     */
    public static SocketwayMetrics create(ApiDefinition api, MetricsSettings settings, AlarmStore store,
            String nodeId) {
        ClusterAlarms cluster = new ClusterAlarms(notNull(store, "store"), notNull(api, "api").apiId(),
                notNull(nodeId, "nodeId"));
        return new SocketwayMetrics(api, notNull(settings, "settings"), Clock.systemUTC(), cluster);
    }

    /** Adds this node's observer and operations pages to {@code builder}; returns the builder. */
    public Gateway.Builder bind(Gateway.Builder builder) {
        builder.observer(observer);
        statusPages().forEach(builder::statusPage);
        return builder;
    }

    /** Returns the observer that feeds the metrics and the alarms. */
    public GatewayObserver observer() {
        return observer;
    }

    /** Returns the Prometheus page and the alarms page. */
    public List<StatusPage> statusPages() {
        return List.of(page(settings.path(), PROMETHEUS_TEXT, registry::scrape),
                page(settings.alarmsPath(), "application/json", () -> messages.listing(alarms.statuses())));
    }

    /** Returns the registry, for meters of the embedding application. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Returns every alarm's state, in template order. */
    public List<AlarmStatus> alarms() {
        return alarms.statuses();
    }

    private AlarmState currentState(String alarmName) {
        return alarms == null ? AlarmState.INSUFFICIENT_DATA : alarms.statuses().stream()
                .filter(s -> s.definition().alarmName().equals(alarmName)).findFirst()
                .map(AlarmStatus::state).orElse(AlarmState.INSUFFICIENT_DATA);
    }

    private static void warnAboutUnmappedActions(ApiDefinition api, MetricsSettings settings) {
        java.util.Set<String> unmapped = new java.util.TreeSet<>();
        for (AlarmDefinition d : api.alarms().values()) {
            if (d.actionsEnabled()) {
                java.util.stream.Stream.of(d.alarmActions(), d.okActions(), d.insufficientDataActions())
                        .flatMap(List::stream)
                        .filter(arn -> !settings.alarmActions().containsKey(arn))
                        .forEach(unmapped::add);
            }
        }
        if (!unmapped.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(SocketwayMetrics.class).warn("Alarm actions without a webhook are"
                    + " logged only (map them with --alarm-action ARN=URL): {}", unmapped);
        }
    }

    private void transitioned(Alarm.Transition t) {
        AlarmDefinition d = t.alarm().definition;
        if (!d.actionsEnabled()) {
            return;
        }
        List<String> actions = switch (t.to()) {
            case OK -> d.okActions();
            case ALARM -> d.alarmActions();
            case INSUFFICIENT_DATA -> d.insufficientDataActions();
        };
        if (!actions.isEmpty()) {
            notifier.notify(d.alarmName(), actions, messages.notification(t));
        }
    }

    private static StatusPage page(String path, String contentType, java.util.function.Supplier<String> render) {
        return new StatusPage() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public String render() {
                return render.get();
            }
        };
    }

    /** Stops evaluating alarms and sending notifications, and releases the JVM metric listeners. */
    @Override
    public void close() {
        alarms.close();
        notifier.close();
        try {
            jvm.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gc.close();
        registry.close();
    }
}
