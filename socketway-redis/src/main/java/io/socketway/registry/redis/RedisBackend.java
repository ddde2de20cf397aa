package io.socketway.registry.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.socketway.registry.redis.RedisSettings.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.function.BiConsumer;
import reactor.core.Disposable;

/**
 * The Lettuce client, connected to a standalone Redis or a Redis Cluster: one command connection (pipelined, shared
 * by the registry, the bus and membership) and one pub/sub connection for sharded channels.
 *
 * <p>Commands fail after the operation timeout. On a standalone Redis they are rejected at once while it is
 * unreachable; on a cluster they wait for the shard's (re)connection, up to the operation timeout. Lettuce reconnects
 * and subscribes again by itself. On a cluster, the client follows topology changes
 * (periodically and on {@code MOVED}/{@code ASK}/reconnects), and routes each {@code SSUBSCRIBE} and {@code SPUBLISH}
 * to the shard that owns the channel's slot.
 *
 * <p>Threading: thread-safe. Futures complete, and shard messages arrive, on Lettuce's I/O threads.
 */
final class RedisBackend implements AutoCloseable {
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);
    /** The shortest time between two topology refreshes that events trigger. */
    private static final Duration ADAPTIVE_REFRESH_PAUSE = Duration.ofSeconds(1);
    /** How often the cluster topology is read even without a trigger. */
    private static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);
    /** The longest wait between two attempts to reconnect to Redis (Lettuce backs off exponentially up to it). */
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final boolean cluster;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, byte[]> connection;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> pubSub;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile Disposable topologyWatch = () -> { };

    private RedisBackend(boolean cluster, AbstractRedisClient client,
            StatefulConnection<String, byte[]> connection,
            RedisClusterAsyncCommands<String, byte[]> commands, StatefulRedisPubSubConnection<String, byte[]> pubSub) {
        this.cluster = cluster;
        this.client = client;
        this.connection = connection;
        this.commands = commands;
        this.pubSub = pubSub;
    }

    /**
     * Connects, blocking until both connections are up (each at most the operation timeout).
     *
     * @param onShardMessage called with the channel and the raw message of every sharded message this client gets
     */
    static RedisBackend connect(RedisSettings settings, BiConsumer<String, byte[]> onShardMessage) {
        List<RedisURI> uris = settings.uris().stream().map(u -> redisUri(u, settings.operationTimeout())).toList();
        Topology topology = settings.topology();
        if (topology == Topology.AUTO) {
            topology = uris.size() > 1 || isCluster(uris.get(0), settings)
                    ? Topology.CLUSTER
                    : Topology.STANDALONE;
        }
        return topology == Topology.CLUSTER
                ? connectCluster(uris, settings, onShardMessage)
                : connectStandalone(uris.get(0), settings, onShardMessage);
    }

    /** Returns true when connected to a Redis Cluster. */
    boolean cluster() {
        return cluster;
    }

    /** Returns the asynchronous commands; on a cluster they are routed by key slot. */
    RedisClusterAsyncCommands<String, byte[]> commands() {
        return commands;
    }

    /** Subscribes to a sharded channel; completes when Redis confirmed. */
    CompletionStage<Void> ssubscribe(String channel) {
        channels.add(channel);
        return pubSubCommands().ssubscribe(channel).toCompletableFuture();
    }

    /** Unsubscribes from a sharded channel. */
    CompletionStage<Void> sunsubscribe(String channel) {
        channels.remove(channel);
        return pubSubCommands().sunsubscribe(channel).toCompletableFuture();
    }

    /**
     * Follows a new cluster topology: opens connections to new primaries and subscribes again to every sharded
     * channel. When a primary dies, Lettuce keeps trying to restore the subscriptions on the dead node's connection;
     * the channel's slot now belongs to the promoted replica, and a fresh {@code SSUBSCRIBE} is routed there.
     */
    private void topologyChanged(StatefulRedisClusterConnection<String, byte[]> c) {
        openShardConnections(c);
        for (String channel : channels) {
            pubSubCommands().ssubscribe(channel).whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warn("Redis Cluster topology changed; subscribing again to {} failed: {}", channel,
                            e.toString());
                }
            });
        }
        LOG.info("Redis Cluster topology changed; subscribed again to {} channel(s)", channels.size());
    }

    /** Closes both connections and the client; waits at most two seconds. */
    @Override
    public void close() {
        topologyWatch.dispose();
        pubSub.close();
        connection.close();
        shutdown(client);
    }

    /**
     * The client's resources: Lettuce's, with reconnection attempts at most {@link #MAX_RECONNECT_DELAY} apart.
     * Lettuce's default backs off to 30 s, so after an outage of a few seconds a node could take half a minute to
     * notice Redis is back (readiness, heartbeats, cross-node delivery all wait for that).
     */
    private static ClientResources resources() {
        return DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /** Shuts a client down, and the resources it was created with; waits at most two seconds for each. */
    private static void shutdown(AbstractRedisClient client) {
        client.shutdown(0, 2, TimeUnit.SECONDS);
        client.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    }

    private RedisPubSubAsyncCommands<String, byte[]> pubSubCommands() {
        return pubSub.async();
    }

    private static RedisBackend connectStandalone(RedisURI uri, RedisSettings settings,
            BiConsumer<String, byte[]> onShardMessage) {
        Duration timeout = settings.operationTimeout();
        RedisClient client = RedisClient.create(resources(), uri);
        try {
            client.setOptions(ClientOptions.builder()
                    .sslOptions(sslOptions(settings))
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .socketOptions(socketOptions(timeout))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
            StatefulRedisPubSubConnection<String, byte[]> pubSub = client.connectPubSub(CODEC);
            pubSub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(String channel, byte[] message) {
                    onShardMessage.accept(channel, message);
                }
            });
            return new RedisBackend(false, client, connection, connection.async(), pubSub);
        } catch (RuntimeException e) {
            shutdown(client);
            throw e;
        }
    }

    private static RedisBackend connectCluster(List<RedisURI> seeds, RedisSettings settings,
            BiConsumer<String, byte[]> onShardMessage) {
        Duration timeout = settings.operationTimeout();
        RedisClusterClient client = RedisClusterClient.create(resources(), seeds);
        try {
            client.setOptions(clusterOptions(settings));
            StatefulRedisClusterConnection<String, byte[]> connection = client.connect(CODEC);
            openShardConnections(connection).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            StatefulRedisClusterPubSubConnection<String, byte[]> pubSub = client.connectPubSub(CODEC);
            pubSub.setNodeMessagePropagation(false);
            pubSub.addListener(new RedisClusterPubSubAdapter<>() {
                @Override
                public void smessage(RedisClusterNode node, String channel, byte[] message) {
                    onShardMessage.accept(channel, message);
                }
            });
            RedisBackend backend = new RedisBackend(true, client, connection, connection.async(), pubSub);
            backend.topologyWatch = client.getResources().eventBus().get()
                    .filter(ClusterTopologyChangedEvent.class::isInstance)
                    .subscribe(changed -> backend.topologyChanged(connection));
            return backend;
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException e) {
            shutdown(client);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("Redis Cluster: cannot reach every"
                    + " shard within " + timeout.toMillis() + " ms", e);
        }
    }

    /**
     * Returns the cluster client's options. Lettuce opens connections to shards on demand (pub/sub, new primaries),
     * and {@code REJECT_COMMANDS} would reject the commands that wait for one; so on a cluster, commands wait for a
     * (re)connection, up to the operation timeout. Lettuce leaves topology refresh off by default, so a failover
     * would go unnoticed: refresh adaptively (on {@code MOVED}, {@code ASK}, the first failed reconnect, unknown
     * nodes; at most every {@link #ADAPTIVE_REFRESH_PAUSE}) and every {@link #PERIODIC_REFRESH}.
     */
    private static ClusterClientOptions clusterOptions(RedisSettings settings) {
        Duration timeout = settings.operationTimeout();
        return ClusterClientOptions.builder()
                .sslOptions(sslOptions(settings))
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(socketOptions(timeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .refreshTriggersReconnectAttempts(1)
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_PAUSE)
                        .enablePeriodicRefresh(PERIODIC_REFRESH)
                        .build())
                .build();
    }

    /**
     * Opens the command connection to every primary, so that commands never wait for one. Lettuce opens a shard's
     * connection on first use, and commands issued while it opens run in no defined order; the bus relies on the
     * order of its {@code SPUBLISH}es. Called once at start-up and again whenever the topology changes (a failover or
     * a new shard); in the short time before a new primary's connection is open, order is not guaranteed.
     */
    private static CompletableFuture<Void> openShardConnections(StatefulRedisClusterConnection<String, byte[]> c) {
        List<CompletableFuture<?>> opened = new ArrayList<>();
        for (RedisClusterNode node : c.getPartitions()) {
            if (node.getRole().isUpstream()) {
                opened.add(c.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort(),
                        ConnectionIntent.WRITE));
            }
        }
        return CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new));
    }

    private static boolean isCluster(RedisURI uri, RedisSettings settings) {
        RedisClient probe = RedisClient.create(uri);
        probe.setOptions(ClientOptions.builder().sslOptions(sslOptions(settings)).build());
        try (StatefulRedisConnection<String, String> connection = probe.connect()) {
            return connection.sync().info("cluster").contains("cluster_enabled:1");
        } finally {
            probe.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Returns the TLS options for {@code rediss://}: the JDK's TLS with the JVM's trust store, or with the settings'
     * trusted certificates. Peers are verified in full (certificate chain and host name) unless a URI says otherwise
     * ({@code ?verifyPeer=CA} or {@code NONE}).
     */
    private static SslOptions sslOptions(RedisSettings settings) {
        SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
        settings.trustedCertificates().ifPresent(pem -> builder.trustManager(pem.toFile()));
        return builder.build();
    }

    private static SocketOptions socketOptions(Duration timeout) {
        return SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build();
    }

    private static RedisURI redisUri(java.net.URI uri, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        return redisUri;
    }
}
