package io.socketway.registry.redis;

import static io.socketway.api.Checks.notNull;

import io.socketway.api.spi.AlarmStore;
import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.api.spi.MessageBus;
import io.socketway.api.spi.UsageStore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster engine on Redis or Redis Cluster: one node's connection to Redis, with the {@link ConnectionRegistry},
 * {@link MessageBus} and {@link NodeMembership} built on it.
 *
 * <pre>{@code
 * try (RedisEngine engine = RedisEngine.connect(RedisSettings.of(settings.nodeId(), uris, keys, "k1"))) {
 *     Gateway gateway = Gateway.builder(api)
 *             .settings(settings)                     // GatewaySettings: the same node id
 *             .registry(engine.registry()).bus(engine.bus())
 *             .membership(engine.membership(), RedisSettings.DEFAULT_HEARTBEAT_INTERVAL)
 *             .build();
 *     ...
 *     gateway.drain(timeout);
 *     gateway.close();                                // closes the membership: the node leaves
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #connect} blocks until Redis answered, this node's first heartbeat is written and its reply
 * channel is subscribed (each step at most the operation timeout); call it at start-up. The registry's and the bus's
 * own {@code close()} release only what they hold (the bus unsubscribes); the membership's {@code close()} leaves
 * (removes this node and its remaining connections); {@link #close} releases the connection. Closing the engine does
 * not leave: the node's heartbeat then expires and survivors reap its connections, as after a crash.
 *
 * <p>Threading: thread-safe. Every registry, bus and membership call returns a stage at once and never blocks; stages
 * complete on Lettuce's I/O threads (or the JDK's timeout thread), so dependent actions must not block. Bus receivers
 * and lapse listeners run on virtual threads.
 */
public final class RedisEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEngine.class);

    private final ExecutorService executor;
    private final RedisBackend backend;
    private final RedisConnectionRegistry registry;
    private final RedisMessageBus bus;
    private final RedisNodeMembership membership;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisEngine(RedisSettings settings, ExecutorService executor, BusHolder holder) {
        this.executor = executor;
        this.backend = RedisBackend.connect(settings, holder);
        try {
            PayloadCipher cipher = PayloadCipher.of(settings);
            this.registry = new RedisConnectionRegistry(backend, cipher);
            this.bus = new RedisMessageBus(backend, cipher, settings, executor);
            holder.bus = bus;
            this.membership = new RedisNodeMembership(backend, registry, settings, executor);
            bus.start();
            membership.start();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * Connects like {@link #connect(RedisSettings)}, but while Redis cannot be reached at all (connection refused or
     * timed out: not started yet, restarting, a slow network) tries again, with a growing pause, until {@code patience}
     * has passed. Errors that another try cannot mend (refused credentials, an untrusted certificate) fail at once.
     * Blocks the calling thread.
     */
    public static RedisEngine connect(RedisSettings settings, Duration patience) {
        notNull(patience, "patience");
        long deadline = System.nanoTime() + patience.toNanos();
        long pauseMillis = 100;
        while (true) {
            try {
                return connect(settings);
            } catch (RuntimeException e) {
                if (!unreachable(e) || System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warn("Redis is not reachable yet ({}); trying again in {} ms", rootMessage(e), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 2_000);
            }
        }
    }

    /** Returns true when {@code e} says Redis could not be reached, as opposed to refusing this client. */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof io.lettuce.core.RedisCommandExecutionException) {
                return false;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.lettuce.core.RedisCommandTimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    /**
     * Connects to Redis and joins the cluster of gateway nodes as {@link RedisSettings#nodeId()}.
     *
     * @throws IllegalStateException or a Lettuce {@code RedisException} when Redis cannot be reached, refuses the
     *     credentials, or does not answer within the operation timeout
     */
    public static RedisEngine connect(RedisSettings settings) {
        notNull(settings, "settings");
        if (settings.encryptionDisabled()) {
            LOG.warn("Payload encryption is disabled: Redis holds client addresses and messages in plaintext");
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("socketway-redis-" + settings.nodeId() + "-", 0).factory());
        try {
            return new RedisEngine(settings, executor, new BusHolder());
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** Returns the connection registry, shared by every node on this Redis. */
    public ConnectionRegistry registry() {
        return registry;
    }

    /** Returns the message bus that carries management operations between nodes. */
    public MessageBus bus() {
        return bus;
    }

    /** Returns this node's membership: live nodes, dead-node cleanup, graceful leave. */
    public NodeMembership membership() {
        return membership;
    }

    /**
     * Returns a store for the usage counters of the API {@code apiId} on this connection, shared by every node of the
     * cluster (see docs/operations.md, "Usage and cost"). Closing it does nothing; {@link #close} releases the
     * connection.
     */
    public UsageStore usageStore(String apiId) {
        return new RedisUsageStore(backend, notNull(apiId, "apiId"));
    }

    /**
     * Returns the store in which the nodes of the cluster share their alarm aggregates and alarm states, so that alarms
     * are evaluated on the cluster's combined traffic (see docs/operations.md). Closing it does nothing; {@link #close}
     * releases the connection.
     */
    public AlarmStore alarmStore() {
        return new RedisAlarmStore(backend);
    }

    /** Returns true when connected to a Redis Cluster rather than a standalone server. */
    boolean cluster() {
        return backend.cluster();
    }

    /**
     * Stops heartbeating, unsubscribes, and closes the connection (waiting at most about two seconds). Does not remove
     * this node from Redis; call {@link NodeMembership#leave()} first for that. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        membership.stop();
        bus.close();
        backend.close();
        executor.shutdownNow();
    }

    /** Forwards shard messages to the bus, which is created after the connection it listens on. */
    private static final class BusHolder implements BiConsumer<String, byte[]> {
        private volatile @Nullable RedisMessageBus bus;

        @Override
        public void accept(String channel, byte[] message) {
            RedisMessageBus target = bus;
            if (target != null) {
                target.onShardMessage(channel, message);
            }
        }
    }
}
