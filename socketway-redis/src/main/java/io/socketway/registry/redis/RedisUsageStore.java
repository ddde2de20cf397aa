package io.socketway.registry.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.socketway.api.spi.UsageStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Usage counters on Redis, added up across every node of the cluster: each node's periodic flush becomes one
 * {@code HINCRBY} per counter that grew on the API's hash {@code sw:usage:{apiId}} (pipelined on the shared
 * connection), so totals are exact however many nodes count and whichever restarts. GB-seconds are kept as integer
 * MB·ms, so no {@code HINCRBYFLOAT} rounding creeps in.
 *
 * <p>Live values (the minutes of each node's open connections) go to {@code sw:usage:{apiId}:live} as
 * {@code {node}|{name}} fields plus an {@code {node}|@until} deadline; readers skip, and delete, the values of nodes
 * past their deadline (a node that crashed). Counts and stage and route names are not user payload and are stored
 * unencrypted, like the key names of {@link Keys}.
 *
 * <p>Threading: thread-safe and non-blocking; stages complete on Lettuce's I/O threads.
 */
final class RedisUsageStore implements UsageStore {
    private static final String UNTIL = "@until";

    private final RedisClusterAsyncCommands<String, byte[]> redis;
    private final String counters;
    private final String since;
    private final String live;
    private final Set<String> published = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RedisUsageStore(RedisBackend backend, String apiId) {
        this.redis = backend.commands();
        this.counters = Keys.usage(apiId);
        this.since = Keys.usageSince(apiId);
        this.live = Keys.usageLive(apiId);
    }

    @Override
    public CompletionStage<Void> add(Map<String, Long> increments) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        increments.forEach((name, value) -> all.add(redis.hincrby(counters, name, value).toCompletableFuture()));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletionStage<Instant> since(Instant now) {
        return redis.set(since, bytes(now.toString()), SetArgs.Builder.nx()).thenCompose(ok -> redis.get(since))
                .thenApply(value -> Instant.parse(text(value)));
    }

    @Override
    public CompletionStage<Void> putLive(String nodeId, Map<String, Long> values, Duration ttl) {
        Map<String, byte[]> fields = new HashMap<>();
        values.forEach((name, value) -> fields.put(nodeId + "|" + name, bytes(Long.toString(value))));
        fields.put(nodeId + "|" + UNTIL, bytes(Long.toString(System.currentTimeMillis() + ttl.toMillis())));
        List<String> gone = published.stream().filter(f -> !fields.containsKey(f)).toList();
        published.removeAll(gone);
        published.addAll(fields.keySet());
        CompletableFuture<?> deleted = gone.isEmpty() ? CompletableFuture.completedFuture(0L)
                : redis.hdel(live, gone.toArray(String[]::new)).toCompletableFuture();
        return deleted.thenCombine(redis.hset(live, fields), (a, b) -> null);
    }

    @Override
    public CompletionStage<Map<String, Long>> read(String nodeId) {
        return redis.hgetall(counters).thenCombine(redis.hgetall(live), (stored, lives) -> {
            Map<String, Long> sum = new HashMap<>();
            stored.forEach((name, value) -> sum.put(name, Long.parseLong(text(value))));
            addLive(sum, lives, nodeId);
            return sum;
        });
    }

    /** Adds the live values of other nodes that are still publishing; deletes those of nodes past their deadline. */
    private void addLive(Map<String, Long> sum, Map<String, byte[]> lives, String nodeId) {
        long now = System.currentTimeMillis();
        Set<String> expired = new HashSet<>();
        lives.forEach((field, value) -> {
            String node = field.substring(0, Math.max(0, field.indexOf('|')));
            if (field.equals(node + "|" + UNTIL) && Long.parseLong(text(value)) < now) {
                expired.add(node);
            }
        });
        List<String> stale = new ArrayList<>();
        lives.forEach((field, value) -> {
            int bar = field.indexOf('|');
            String node = field.substring(0, Math.max(0, bar));
            String name = field.substring(bar + 1);
            if (expired.contains(node)) {
                stale.add(field);
            } else if (!node.equals(nodeId) && !name.equals(UNTIL)) {
                sum.merge(name, Long.parseLong(text(value)), Long::sum);
            }
        });
        if (!stale.isEmpty()) {
            redis.hdel(live, stale.toArray(String[]::new));
        }
    }

    @Override
    public CompletionStage<Void> remove(Collection<String> names) {
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return redis.hdel(counters, names.toArray(String[]::new)).thenApply(n -> null);
    }

    /** Does nothing: the engine owns the connection. */
    @Override
    public void close() {}

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
