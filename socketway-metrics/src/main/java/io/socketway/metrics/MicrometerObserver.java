package io.socketway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.socketway.api.ApiDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.api.spi.DisconnectCause;
import io.socketway.api.spi.GatewayObserver;
import io.socketway.api.spi.MessageBus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Records gateway events as Micrometer meters: AWS's WebSocket metric names ({@code ConnectCount}, {@code MessageCount},
 * {@code ClientError}, {@code IntegrationError}, {@code ExecutionError}, {@code IntegrationLatency}) tagged with
 * {@code stage} and {@code route}, plus Socketway's own ({@code socketway.*}). The {@code route} tag carries the route
 * key only where the stage enables detailed metrics ({@code DetailedMetricsEnabled}, as on AWS); elsewhere it is empty,
 * so each event lands in exactly one series and {@code sum by (stage)} gives the stage's total.
 *
 * <p>Threading: thread-safe. Every stage's and detailed route's meters are created up front, so the per-message path
 * is a map lookup and an increment, without allocation; meters keyed by values known only at run time (close codes,
 * function names) are created once and cached.
 */
final class MicrometerObserver implements GatewayObserver {
    /** The {@code route} tag of events not broken down by route. */
    static final String ALL_ROUTES = "";

    private final MeterRegistry registry;
    private final Map<String, StageMeters> stages = new HashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<MessageBus.Delivery, Timer> postLatency = new EnumMap<>(MessageBus.Delivery.class);
    private final Map<MessageBus.Delivery, Timer> deleteLatency = new EnumMap<>(MessageBus.Delivery.class);

    MicrometerObserver(ApiDefinition api, MeterRegistry registry) {
        this.registry = registry;
        for (StageDefinition stage : api.stages()) {
            stages.put(stage.name(), new StageMeters(registry, stage, api));
        }
        for (MessageBus.Delivery d : MessageBus.Delivery.values()) {
            postLatency.put(d, busTimer("post", d));
            deleteLatency.put(d, busTimer("delete", d));
        }
    }

    private Timer busTimer(String operation, MessageBus.Delivery result) {
        return Timer.builder(MetricNames.BUS_LATENCY)
                .description("Time the message bus takes to carry a management operation to the owning node")
                .tags("operation", operation, "result", result.name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    private @Nullable RouteMeters route(String stage, @Nullable String route) {
        StageMeters s = stages.get(stage);
        return s == null ? null : s.route(route);
    }

    @Override
    public void connectRequested(String stage) {
        RouteMeters r = route(stage, "$connect");
        if (r != null) {
            r.connectCount.increment();
        }
    }

    @Override
    public void connectRejected(String stage, int status) {
        StageMeters s = stages.get(stage);
        if (s != null) {
            s.rejected(status).increment();
        }
    }

    @Override
    public void connectionOpened(String stage) {
        StageMeters s = stages.get(stage);
        if (s != null) {
            s.open.incrementAndGet();
            s.connects.increment();
        }
    }

    @Override
    public void messageReceived(String stage, @Nullable String route, int bytes) {
        StageMeters s = stages.get(stage);
        if (s != null) {
            s.route(route).messageCount.increment();
            s.received.increment();
            s.bytesIn.increment(bytes);
        }
    }

    @Override
    public void messageSent(String stage, OutboundKind kind, int bytes) {
        StageMeters s = stages.get(stage);
        if (s != null) {
            s.aggregate.messageCount.increment();
            s.sent.get(kind).increment();
            s.bytesOut.get(kind).increment(bytes);
        }
    }

    @Override
    public void clientError(String stage, @Nullable String route, int status) {
        RouteMeters r = route(stage, route);
        if (r != null) {
            r.clientError.increment();
        }
    }

    @Override
    public void integrationCompleted(String stage, String route, Outcome outcome, long latencyNanos) {
        RouteMeters r = route(stage, route);
        if (r == null) {
            return;
        }
        switch (outcome) {
            case OK -> { }
            case INTEGRATION_ERROR -> r.integrationError.increment();
            case EXECUTION_ERROR -> r.executionError.increment();
            case CLIENT_ERROR -> r.clientError.increment();
        }
        if (latencyNanos >= 0 && outcome != Outcome.CLIENT_ERROR) {
            r.integrationLatency.record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void throttled(String stage, Throttle kind) {
        StageMeters s = stages.get(stage);
        if (s != null) {
            s.throttles.get(kind).increment();
        }
    }

    @Override
    public void functionStarted(String function) {
        gauge(function).incrementAndGet();
    }

    @Override
    public void functionFinished(String function) {
        gauge(function).decrementAndGet();
    }

    private AtomicInteger gauge(String function) {
        AtomicInteger value = inFlight.get(function);
        if (value != null) {
            return value;
        }
        return inFlight.computeIfAbsent(function, f -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder(MetricNames.FUNCTION_IN_FLIGHT, count, AtomicInteger::get)
                    .description("Invocations of the function running now (its concurrency)")
                    .tag("function", f)
                    .register(registry);
            return count;
        });
    }

    @Override
    public void outboundRefused(String stage, OutboundKind kind) {
        StageMeters s = stages.get(stage);
        if (s != null) {
            s.refusals.get(kind).increment();
        }
    }

    @Override
    public void disconnected(String stage, int code, DisconnectCause cause) {
        StageMeters s = stages.get(stage);
        if (s == null) {
            return;
        }
        if (cause != DisconnectCause.NODE_LOST) {
            s.open.decrementAndGet();
        }
        s.disconnect(code, cause).increment();
        s.closes.incrementAndGet();
        if (DisconnectCause.isAbnormal(code, cause)) {
            s.abnormal(cause).increment();
            s.abnormalCloses.incrementAndGet();
        }
    }

    @Override
    public void remoteDelivery(String operation, MessageBus.Delivery result, long latencyNanos) {
        Timer timer = (operation.equals("delete") ? deleteLatency : postLatency).get(result);
        timer.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    /** Returns the tag value for a close code: known codes as themselves, application ranges grouped. */
    static String codeTag(int code) {
        if (code >= 1000 && code <= 1015) {
            return Integer.toString(code);
        }
        if (code >= 3000 && code <= 3999) {
            return "3xxx";
        }
        return code >= 4000 && code <= 4999 ? "4xxx" : "other";
    }

    /** AWS's metrics for one stage and route key (or every route key of a stage without detailed metrics). */
    static final class RouteMeters {
        final Counter connectCount;
        final Counter messageCount;
        final Counter clientError;
        final Counter integrationError;
        final Counter executionError;
        final Timer integrationLatency;

        RouteMeters(MeterRegistry registry, Tags tags) {
            connectCount = counter(registry, MetricNames.CONNECT_COUNT, tags,
                    "Connection requests sent to the $connect integration");
            messageCount = counter(registry, MetricNames.MESSAGE_COUNT, tags,
                    "Messages to and from clients (both directions)");
            clientError = counter(registry, MetricNames.CLIENT_ERROR, tags,
                    "Requests answered 4xx before the integration ran");
            integrationError = counter(registry, MetricNames.INTEGRATION_ERROR, tags,
                    "Requests whose integration answered 4xx or 5xx");
            executionError = counter(registry, MetricNames.EXECUTION_ERROR, tags,
                    "Requests whose integration could not be called or failed");
            integrationLatency = Timer.builder(MetricNames.INTEGRATION_LATENCY)
                    .description("Time between relaying a request to the integration and its answer (not for MOCK)")
                    .tags(tags)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
        }
    }

    /** One stage's meters. */
    static final class StageMeters {
        private final MeterRegistry registry;
        private final Tags stageTags;
        final RouteMeters aggregate;
        final Map<String, RouteMeters> detailed = new HashMap<>();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger abnormalCloses = new AtomicInteger();
        final Counter connects;
        final Counter received;
        final Counter bytesIn;
        final Map<OutboundKind, Counter> sent = new EnumMap<>(OutboundKind.class);
        final Map<OutboundKind, Counter> bytesOut = new EnumMap<>(OutboundKind.class);
        final Map<OutboundKind, Counter> refusals = new EnumMap<>(OutboundKind.class);
        final Map<Throttle, Counter> throttles = new EnumMap<>(Throttle.class);
        private final Map<DisconnectCause, Counter> abnormal = new ConcurrentHashMap<>();
        private final Map<Long, Counter> disconnects = new ConcurrentHashMap<>();
        private final Map<Integer, Counter> rejections = new ConcurrentHashMap<>();

        StageMeters(MeterRegistry registry, StageDefinition stage, ApiDefinition api) {
            this.registry = registry;
            this.stageTags = Tags.of("stage", stage.name());
            aggregate = new RouteMeters(registry, stageTags.and("route", ALL_ROUTES));
            for (String routeKey : api.routes().keySet()) {
                if (stage.detailedMetrics(routeKey)) {
                    detailed.put(routeKey, new RouteMeters(registry, stageTags.and("route", routeKey)));
                }
            }
            Gauge.builder(MetricNames.CONNECTIONS_OPEN, open, AtomicInteger::get)
                    .description("Connections open on this node").tags(stageTags).register(registry);
            Gauge.builder(MetricNames.ABNORMAL_RATIO, this, StageMeters::abnormalShare)
                    .description("Share of closes since start that were abnormal (0 to 1)").tags(stageTags)
                    .register(registry);
            connects = counter(registry, MetricNames.CONNECTS, stageTags, "Connections opened (101 written)");
            received = counter(registry, MetricNames.MESSAGES_RECEIVED, stageTags, "Messages from clients");
            bytesIn = Counter.builder(MetricNames.BYTES_RECEIVED).baseUnit("bytes").tags(stageTags)
                    .description("Payload bytes of messages from clients").register(registry);
            for (OutboundKind kind : OutboundKind.values()) {
                Tags tags = stageTags.and("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
                sent.put(kind, counter(registry, MetricNames.MESSAGES_SENT, tags, "Messages queued for clients"));
                bytesOut.put(kind, Counter.builder(MetricNames.BYTES_SENT).baseUnit("bytes").tags(tags)
                        .description("Payload bytes of messages queued for clients").register(registry));
                refusals.put(kind, counter(registry, MetricNames.OUTBOUND_REFUSALS, tags,
                        "Messages refused because the client's outbound buffer was full"));
            }
            for (Throttle kind : Throttle.values()) {
                throttles.put(kind, counter(registry, MetricNames.THROTTLES,
                        stageTags.and("kind", kind.name().toLowerCase(java.util.Locale.ROOT)),
                        "Requests refused for being over a rate or concurrency limit"));
            }
            for (DisconnectCause cause : List.of(DisconnectCause.NO_CLOSE_FRAME, DisconnectCause.SERVER_ERROR,
                    DisconnectCause.NODE_LOST, DisconnectCause.SLOW_CONSUMER)) {
                abnormal(cause);
            }
        }

        /** Returns the abnormal-close counter of a cause; the four usual causes exist from the start. */
        Counter abnormal(DisconnectCause cause) {
            Counter counter = abnormal.get(cause);
            return counter != null ? counter : abnormal.computeIfAbsent(cause, c -> counter(registry,
                    MetricNames.ABNORMAL_DISCONNECTS, stageTags.and("cause", c.name().toLowerCase(java.util.Locale.ROOT)),
                    "Closes without a close frame (1006), with 1011, of lost nodes or of slow consumers"));
        }

        RouteMeters route(@Nullable String route) {
            if (route == null || detailed.isEmpty()) {
                return aggregate;
            }
            RouteMeters r = detailed.get(route);
            return r == null ? aggregate : r;
        }

        double abnormalShare() {
            int all = closes.get();
            return all == 0 ? 0 : (double) abnormalCloses.get() / all;
        }

        Counter disconnect(int code, DisconnectCause cause) {
            long key = ((long) code << 8) | cause.ordinal();
            Counter counter = disconnects.get(key);
            return counter != null ? counter : disconnects.computeIfAbsent(key, k -> counter(registry,
                    MetricNames.DISCONNECTS, stageTags.and("code", codeTag(code),
                            "cause", cause.name().toLowerCase(java.util.Locale.ROOT)),
                    "Connections closed, by close code and cause"));
        }

        Counter rejected(int status) {
            Counter counter = rejections.get(status);
            return counter != null ? counter : rejections.computeIfAbsent(status, k -> counter(registry,
                    MetricNames.CONNECTS_REJECTED, stageTags.and("status", Integer.toString(status)),
                    "Handshakes refused, by HTTP status"));
        }
    }

    private static Counter counter(MeterRegistry registry, String name, Tags tags, String description) {
        return Counter.builder(name).tags(tags).description(description).register(registry);
    }
}
