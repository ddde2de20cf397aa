package io.socketway.registry.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.socketway.api.spi.AlarmStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Alarm aggregates and states on Redis, shared by every node (see docs/operations.md, "Alarms on several nodes").
 * A node's contribution to a period is one {@code HSET} of its node id on {@code sw:alarm:{apiId/LogicalId}:{period}}
 * plus a {@code PEXPIRE}, pipelined; reading a period is one {@code HGETALL}. The state is the string
 * {@code sw:alarm:{apiId/LogicalId}:state} ({@code period}, state, update time and reason on four lines), replaced by a
 * Lua compare-and-set on its period, so one node claims each evaluated period. An alarm's keys share one slot.
 *
 * <p>Threading: thread-safe and non-blocking; stages complete on Lettuce's I/O threads.
 */
final class RedisAlarmStore implements AlarmStore {
    /** KEYS[1] state; ARGV[1] expected period ("" when none); ARGV[2] the new state; ARGV[3] its TTL in ms. */
    private static final String REPLACE = """
            local v = redis.call('GET', KEYS[1])
            local p = ''
            if v then p = string.match(v, '^[^\\n]*') end
            if p ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
            """;

    private final RedisClusterAsyncCommands<String, byte[]> redis;

    RedisAlarmStore(RedisBackend backend) {
        this.redis = backend.commands();
    }

    @Override
    public CompletionStage<Void> contribute(String alarmId, long period, String nodeId, byte[] aggregate,
            Duration ttl) {
        String key = Keys.alarmPeriod(alarmId, period);
        CompletableFuture<?> set = redis.hset(key, nodeId, aggregate).toCompletableFuture();
        CompletableFuture<?> expire = redis.pexpire(key, Math.max(1, ttl.toMillis())).toCompletableFuture();
        return CompletableFuture.allOf(set, expire);
    }

    @Override
    public CompletionStage<Map<Long, List<byte[]>>> read(String alarmId, Collection<Long> periods) {
        Map<Long, CompletableFuture<Map<String, byte[]>>> pending = new LinkedHashMap<>();
        for (long period : periods) {
            pending.put(period, redis.hgetall(Keys.alarmPeriod(alarmId, period)).toCompletableFuture());
        }
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Long, List<byte[]>> result = new LinkedHashMap<>();
            pending.forEach((period, f) -> result.put(period, new ArrayList<>(f.join().values())));
            return result;
        });
    }

    @Override
    public CompletionStage<Optional<State>> state(String alarmId) {
        return redis.get(Keys.alarmState(alarmId)).thenApply(v -> Optional.ofNullable(v).map(RedisAlarmStore::decode));
    }

    @Override
    public CompletionStage<Boolean> replaceState(String alarmId, long expectedPeriod, State next, Duration ttl) {
        byte[] expected = bytes(expectedPeriod == NO_STATE ? "" : Long.toString(expectedPeriod));
        String[] keys = {Keys.alarmState(alarmId)};
        return redis.<Long>eval(REPLACE, ScriptOutputType.INTEGER, keys, expected, encode(next),
                bytes(Long.toString(Math.max(1, ttl.toMillis())))).thenApply(n -> n == 1L);
    }

    /** Does nothing: the engine owns the connection. */
    @Override
    public void close() {}

    static byte[] encode(State s) {
        return bytes(s.period() + "\n" + s.state() + "\n" + s.updatedAt() + "\n" + s.reason());
    }

    static State decode(byte[] value) {
        String[] parts = new String(value, StandardCharsets.UTF_8).split("\n", 4);
        return new State(Long.parseLong(parts[0]), parts[1], parts[3], Instant.parse(parts[2]));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
