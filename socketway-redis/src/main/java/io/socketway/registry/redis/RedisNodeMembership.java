package io.socketway.registry.redis;

import static io.socketway.api.Checks.notNull;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.socketway.api.spi.ConnectionRecord;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node membership on Redis.
 *
 * <p>Heartbeat: every interval, {@code SET sw:hb:{node} <instance token> PX <ttl> GET}, then {@code SADD sw:nodes
 * node}. The previous value tells whether the heartbeat had lapsed (nothing there) or whether another process uses
 * the same node id (another token).
 *
 * <p>Reaping: for each node in {@code sw:nodes} one script, atomic because all of a node's keys share its slot, checks
 * that {@code sw:hb:{dead}} is gone, claims {@code sw:reap:{dead}} with {@code SET NX PX 3 x ttl}, moves the node's
 * connection set to {@code sw:reap:{dead}:conns} and returns its members. The claimant deletes each record (only the
 * records it deleted itself are returned), then the moved set, then the node's entry in {@code sw:nodes}. A
 * reaper that crashes leaves the moved set, which the next claimant picks up once the claim expired.
 *
 * <p>Threading: thread-safe and non-blocking, except {@link #start} (the first heartbeat) and {@link #close} (the
 * leave), which block for at most the operation timeout. Heartbeats run on one daemon thread that only sends
 * asynchronous commands; lapse listeners run on the given executor.
 */
final class RedisNodeMembership implements NodeMembership {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeMembership.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REAP = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return {0} end
            if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
            if redis.call('EXISTS', KEYS[3]) == 1 then
              redis.call('SUNIONSTORE', KEYS[4], KEYS[4], KEYS[3])
              redis.call('DEL', KEYS[3])
            end
            local ids = redis.call('SMEMBERS', KEYS[4])
            table.insert(ids, 1, 1)
            return ids
            """;

    private final RedisClusterAsyncCommands<String, byte[]> redis;
    private final RedisConnectionRegistry registry;
    private final RedisSettings settings;
    private final String self;
    private final byte[] token = new byte[16];
    private final Executor listenerExecutor;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> lapseListeners = new CopyOnWriteArrayList<>();
    private volatile boolean joined;
    private volatile boolean failing;

    RedisNodeMembership(RedisBackend backend, RedisConnectionRegistry registry, RedisSettings settings,
            Executor listenerExecutor) {
        this.redis = backend.commands();
        this.registry = registry;
        this.settings = settings;
        this.self = settings.nodeId();
        this.listenerExecutor = listenerExecutor;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("socketway-heartbeat-" + self).factory());
        RANDOM.nextBytes(token);
    }

    /** Heartbeats once (blocking, at most the operation timeout), then every interval. */
    void start() {
        long timeout = settings.operationTimeout().toMillis();
        try {
            heartbeat().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("node " + self + ": interrupted during the first heartbeat", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node " + self + ": first heartbeat failed within " + timeout + " ms", e);
        }
        long interval = settings.heartbeatInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Stops heartbeating, without removing anything: the node's heartbeat then expires as if it had died. */
    void stop() {
        scheduler.shutdownNow();
    }

    @Override
    public String nodeId() {
        return self;
    }

    /** Returns false while heartbeats fail (Redis unreachable), true again after the first that succeeds. */
    @Override
    public boolean reachable() {
        return joined && !failing;
    }

    @Override
    public CompletionStage<List<String>> liveNodes() {
        return redis.smembers(Keys.NODES).thenCompose(members -> {
            List<String> nodes = members.stream().map(RedisNodeMembership::string).toList();
            List<CompletableFuture<Long>> checks = nodes.stream()
                    .map(n -> redis.exists(Keys.heartbeat(n)).toCompletableFuture()).toList();
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<String> live = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    if (checks.get(i).join() > 0) {
                        live.add(nodes.get(i));
                    }
                }
                return live.stream().sorted().toList();
            });
        });
    }

    @Override
    public CompletionStage<List<ConnectionRecord>> reapDeadNodes() {
        return redis.smembers(Keys.NODES).thenCompose(members -> {
            List<CompletableFuture<List<ConnectionRecord>>> reaps = members.stream().map(RedisNodeMembership::string)
                    .filter(n -> !n.equals(self)).map(n -> reap(n).toCompletableFuture()).toList();
            return CompletableFuture.allOf(reaps.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<ConnectionRecord> records = new ArrayList<>();
                reaps.forEach(r -> records.addAll(r.join()));
                return List.copyOf(records);
            });
        });
    }

    @Override
    public CompletionStage<Void> leave() {
        stop();
        // Leave the node set before dropping the heartbeat, so survivors never take a leaving node for a dead one.
        return redis.srem(Keys.NODES, bytes(self))
                .thenCompose(removed -> redis.del(Keys.heartbeat(self)))
                .thenCompose(deleted -> redis.smembers(Keys.nodeConnections(self)))
                .thenCompose(ids -> removeAll(ids.stream().map(RedisNodeMembership::string).toList()))
                .thenCompose(removed -> redis.del(Keys.nodeConnections(self)))
                .thenApply(deleted -> null);
    }

    @Override
    public void close() {
        long timeout = settings.operationTimeout().toMillis();
        try {
            leave().toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Node {}: interrupted while leaving; survivors will reap what is left", self);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Node {}: could not leave within {} ms ({}); survivors will reap what is left", self, timeout,
                    e.toString());
        }
    }

    @Override
    public void onHeartbeatLapse(Runnable listener) {
        lapseListeners.add(notNull(listener, "listener"));
    }

    private void beat() {
        heartbeat().whenComplete((ok, e) -> {
            if (e != null && !failing) {
                failing = true;
                LOG.warn("Node {}: heartbeat failed, will retry every {}: {}", self, settings.heartbeatInterval(),
                        e.toString());
            } else if (e == null && failing) {
                failing = false;
                LOG.info("Node {}: heartbeat works again", self);
            }
        });
    }

    private CompletionStage<Long> heartbeat() {
        SetArgs ttl = SetArgs.Builder.px(settings.nodeTtl().toMillis());
        return redis.setGet(Keys.heartbeat(self), token, ttl).thenCompose(previous -> {
            checkPrevious(previous);
            return redis.sadd(Keys.NODES, bytes(self));
        });
    }

    private void checkPrevious(byte @Nullable [] previous) {
        if (previous == null && joined) {
            LOG.warn("Node {}: its heartbeat had expired (Redis lost it, or this node paused longer than {});"
                    + " survivors may have reaped its connections", self, settings.nodeTtl());
            lapseListeners.forEach(listenerExecutor::execute);
        } else if (previous != null && !Arrays.equals(previous, token)) {
            LOG.warn("Node {}: another process heartbeats with the same node id", self);
        }
        joined = true;
    }

    private CompletionStage<List<ConnectionRecord>> reap(String node) {
        String[] keys = {Keys.heartbeat(node), Keys.reapClaim(node), Keys.nodeConnections(node), Keys.reaping(node)};
        byte[] claimMillis = bytes(Long.toString(settings.nodeTtl().multipliedBy(3).toMillis()));
        return redis.<List<Object>>eval(REAP, ScriptOutputType.MULTI, keys, bytes(self), claimMillis)
                .thenCompose(result -> {
                    if (result.isEmpty() || ((Long) result.get(0)) == 0L) {
                        return CompletableFuture.completedFuture(List.of());
                    }
                    List<String> ids = result.subList(1, result.size()).stream()
                            .map(id -> string((byte[]) id)).toList();
                    LOG.info("Node {}: reaping dead node {} with {} connections", self, node, ids.size());
                    return removeAll(ids).thenCompose(removed -> redis.del(Keys.reaping(node))
                            .thenCompose(deleted -> redis.srem(Keys.NODES, bytes(node)))
                            .thenApply(done -> removed));
                });
    }

    private CompletionStage<List<ConnectionRecord>> removeAll(List<String> ids) {
        List<CompletableFuture<Optional<ConnectionRecord>>> removals = ids.stream()
                .map(id -> registry.removeAndReturn(id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new))
                .thenApply(done -> removals.stream().flatMap(r -> r.join().stream()).toList());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
