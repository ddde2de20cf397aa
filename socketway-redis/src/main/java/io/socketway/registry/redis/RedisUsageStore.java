package io.socketway.registry.redis;

import io.lettuce.core.ScriptOutputType;
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
 * Usage counters on Redis, added up across every node of the cluster: each node's periodic flush becomes one script
 * that runs an {@code HINCRBY} per counter that grew on the API's hash {@code sw:usage:{apiId}}, once per batch, so
 * totals are exact however many nodes count, whichever restarts and whatever flush is retried. GB-seconds are kept as integer
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
    /** How long a writer's last batch number is remembered after its last batch. */
    private static final Duration BATCH_MEMORY = Duration.ofDays(7);
    /** KEYS: counters, the writer's batch key; ARGV: sequence, memory (ms), then name and increment pairs. */
    private static final String ADD_BATCH = """
            local last = tonumber(redis.call('GET', KEYS[2]) or '0')
            if tonumber(ARGV[1]) <= last then
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
              return 0
            end
            for i = 3, #ARGV, 2 do
              redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            return 1
            """;

    private final RedisClusterAsyncCommands<String, byte[]> redis;
    private final String counters;
    private final String since;
    private final String live;
    private final String batchKeyPrefix;
    private final Set<String> published = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RedisUsageStore(RedisBackend backend, String apiId) {
        this.redis = backend.commands();
        this.counters = Keys.usage(apiId);
        this.since = Keys.usageSince(apiId);
        this.live = Keys.usageLive(apiId);
        this.batchKeyPrefix = Keys.usageBatchPrefix(apiId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Lua script adds the batch and records its sequence in {@code sw:usage:{apiId}:batch:{writer}} (kept a
     * week after the writer's last batch), atomically, so a retried batch is recognised and a dropped connection never
     * leaves half a batch added.
     */
    @Override
    public CompletionStage<Void> add(String writer, long sequence, Map<String, Long> increments) {
        byte[][] args = new byte[2 + increments.size() * 2][];
        args[0] = bytes(Long.toString(sequence));
        args[1] = bytes(Long.toString(BATCH_MEMORY.toMillis()));
        int i = 2;
        for (Map.Entry<String, Long> e : increments.entrySet()) {
            args[i++] = bytes(e.getKey());
            args[i++] = bytes(Long.toString(e.getValue()));
        }
        return redis.<Long>eval(ADD_BATCH, ScriptOutputType.INTEGER, new String[] {counters, batchKeyPrefix + writer},
                args).thenApply(added -> null);
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
