package io.socketway.metrics;

import static io.socketway.api.Checks.notNull;

import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.GatewayObserver;
import io.socketway.api.spi.UsageStore;
import io.socketway.core.Connection;
import io.socketway.core.Gateway;
import io.socketway.core.Limits;
import io.socketway.core.StatusPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's usage metering and cost report: counts the gateway's traffic on AWS's meters (messages in 32 KB units,
 * connection-minutes, Lambda requests and GB-seconds, bytes), keeps the counts in a {@link UsageStore} (a JSON file
 * on a single node, Redis on a cluster, so that they survive restarts and add up across nodes) and serves them with
 * their AWS price at {@link UsageSettings#path()}.
 *
 * <pre>{@code
 * SocketwayUsage usage = SocketwayUsage.create(api, UsageSettings.DEFAULT.withFile(file));
 * Gateway gateway = usage.bind(Gateway.builder(api).settings(settings)).build();
 * usage.attach(gateway);                       // live connections, node id and timeouts
 * ... GatewayServer.start(gateway) ... server.close();
 * usage.close();                               // after the gateway: the last counts are written
 * }</pre>
 *
 * <p>Threading: thread-safe. Events are counted lock-free on the caller's thread (see {@link UsageMeter}); a platform
 * thread flushes every {@link UsageSettings#flushInterval()}; {@link #report} and {@link #flush} wait for the store
 * (at most {@value #STORE_TIMEOUT_SECONDS} s), so call them off event loops (the transport renders pages on virtual
 * threads).
 */
public final class SocketwayUsage implements AutoCloseable {
    static final int STORE_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SocketwayUsage.class);

    private final ApiDefinition api;
    private final UsageSettings settings;
    private final UsageStore store;
    private final Clock clock;
    private final UsageMeter meter;
    private final Instant since;
    /** Guards flushes and reports; a ReentrantLock, since holders wait for the store (no carrier pinning on JDK 21). */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final ScheduledExecutorService flusher;
    private volatile Supplier<Collection<Connection>> live = List::of;
    private volatile Limits limits = Limits.DEFAULT;
    private volatile String nodeId = "local";
    private long prunedHour;
    /** This process as a writer of usage batches: unique per run, so a restarted node starts numbering afresh. */
    private final String writer = UUID.randomUUID().toString();
    /** The batches numbered so far; under {@code lock}. */
    private long batches;
    /** The batch whose outcome is unknown (its call failed), sent again first; under {@code lock}. */
    private @Nullable Batch unconfirmed;

    private SocketwayUsage(ApiDefinition api, UsageSettings settings, UsageStore store, Clock clock) {
        this.api = api;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.meter = new UsageMeter(api, clock::millis);
        this.since = await(store.since(clock.instant()));
        this.flusher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("socketway-usage").daemon().factory());
        long every = settings.flushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts metering into {@link UsageSettings#file()} (or memory only).
     *
     * @throws IllegalArgumentException when the file exists but is not a usage snapshot
     */
    public static SocketwayUsage create(ApiDefinition api, UsageSettings settings) {
        return create(api, settings, FileUsageStore.open(settings.file()));
    }

    /** Starts metering into {@code store} (for example {@code RedisEngine.usageStore}), which it closes at the end. */
    public static SocketwayUsage create(ApiDefinition api, UsageSettings settings, UsageStore store) {
        return create(api, settings, store, Clock.systemUTC());
    }

    static SocketwayUsage create(ApiDefinition api, UsageSettings settings, UsageStore store, Clock clock) {
        return new SocketwayUsage(notNull(api, "api"), notNull(settings, "settings"), notNull(store, "store"), clock);
    }

    /** Adds the metering observer and the usage page to {@code builder}; returns the builder. */
    public Gateway.Builder bind(Gateway.Builder builder) {
        return builder.observer(meter).statusPage(page());
    }

    /**
     * Reads the built gateway's live connections (their minutes so far count in the report), node id and timeouts.
     * Call once, right after {@link Gateway.Builder#build()}.
     */
    public void attach(Gateway gateway) {
        this.live = gateway::connections;
        this.limits = gateway.settings().limits();
        this.nodeId = gateway.settings().nodeId();
    }

    /** Returns the observer that meters the gateway's events. */
    public GatewayObserver observer() {
        return meter;
    }

    /** Returns the page serving {@link #report} as JSON at {@link UsageSettings#path()}. */
    public StatusPage page() {
        return new StatusPage() {
            @Override
            public String path() {
                return settings.path();
            }

            @Override
            public String contentType() {
                return "application/json";
            }

            @Override
            public String render() {
                return report();
            }
        };
    }

    /** Returns the usage report: the store's counts plus this node's unflushed counts and live connections. */
    public String report() {
        Instant now = clock.instant();
        Map<String, Long> counters;
        lock.lock();
        try {
            if (unconfirmed != null) {
                // a batch whose answer was lost may already be in the store: settle it first (sending it again adds
                // it at most once), or the report would count it twice, stored and pending
                send(unconfirmed);
            }
            counters = new HashMap<>(await(store.read(nodeId)));
            meter.counters().forEach(c -> {
                long pending = c.pending();
                if (pending != 0) {
                    counters.merge(c.name, pending, Long::sum);
                }
            });
        } finally {
            lock.unlock();
        }
        liveMinutes(now).forEach((name, minutes) -> counters.merge(name, minutes, Long::sum));
        return UsageReport.render(api, counters, since, now, settings, limits);
    }

    /**
     * Writes what was counted since the last flush to the store and publishes this node's live connection-minutes.
     * On failure the counts stay pending: the next flush first sends the same batch again (the store adds a batch
     * once, so a batch that arrived although the call failed is not counted twice), then what was counted meanwhile.
     */
    public void flush() {
        lock.lock();
        try {
            if (unconfirmed != null) {
                send(unconfirmed);
            }
            Map<String, Long> increments = new HashMap<>();
            Map<UsageMeter.Counter, Long> totals = new HashMap<>();
            for (UsageMeter.Counter c : meter.counters()) {
                long total = c.value.sum();
                if (total != c.flushed) {
                    increments.put(c.name, total - c.flushed);
                    totals.put(c, total);
                }
            }
            if (!increments.isEmpty()) {
                send(new Batch(++batches, Map.copyOf(increments), Map.copyOf(totals)));
            }
            Instant now = clock.instant();
            await(store.putLive(nodeId, liveMinutes(now), settings.flushInterval().multipliedBy(3)));
            prune(now.getEpochSecond() / 3600);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a batch; it stays unconfirmed, to be sent again as it is, until the store has taken it. */
    private void send(Batch batch) {
        unconfirmed = batch;
        await(store.add(writer, batch.sequence, batch.increments));
        batch.totals.forEach((c, total) -> c.flushed = total);
        unconfirmed = null;
    }

    /**
     * One flush's increments, numbered for the store, and the counters' totals they bring the store to.
     *
     * @param sequence the batch number of this node's writer, from 1
     * @param increments counter name to increment
     * @param totals each counter's total once the batch is stored
     */
    private record Batch(long sequence, Map<String, Long> increments, Map<UsageMeter.Counter, Long> totals) {}

    /** Once an hour, drops hour buckets older than the report's window from memory and from the store. */
    private void prune(long hour) {
        if (hour == prunedHour) {
            return;
        }
        meter.forgetHoursBefore(hour - 1);
        long oldest = hour - settings.hours() + 1;
        List<String> stale = await(store.read(nodeId)).keySet().stream()
                .filter(name -> name.startsWith("h|"))
                .filter(name -> Instant.parse(name.split("\\|")[1]).getEpochSecond() / 3600 < oldest)
                .toList();
        if (!stale.isEmpty()) {
            await(store.remove(stale));
        }
        prunedHour = hour;
    }

    /** Returns the whole minutes this node's open connections have been open, per stage and for this hour. */
    private Map<String, Long> liveMinutes(Instant now) {
        Map<String, Long> minutes = new HashMap<>();
        String hour = UsageMeter.hourKey(now.getEpochSecond() / 3600, UsageMeter.Metric.CONNECTION_MINUTES);
        for (Connection c : live.get()) {
            long m = Metering.elapsedMinutes(now.toEpochMilli() - c.connectedAt());
            if (m > 0) {
                minutes.merge(UsageMeter.stageKey(c.stage(), UsageMeter.Metric.CONNECTION_MINUTES), m, Long::sum);
                minutes.merge(hour, m, Long::sum);
            }
        }
        return minutes;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not write usage counts; they go with the next flush: {}", e.toString());
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("usage store: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("usage store: no answer within " + STORE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("usage store: interrupted", e);
        }
    }

    /** Stops the periodic flush, writes the last counts and closes the store. Call after the gateway has closed. */
    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("Could not write the last usage counts: {}", e.toString());
        } finally {
            store.close();
        }
    }
}
