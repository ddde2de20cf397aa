package io.socketway.registry.redis;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection registry on Redis.
 *
 * <p>Layout (see {@link Keys}): each connection is a hash {@code sw:conn:{id}} holding its owner {@code n}, its stage
 * {@code s} and the sealed record {@code r}, so a find is one {@code HGET} and records spread over Cluster slots by id.
 * Each node has a set {@code sw:node:{node}:conns} (so a dead node's connections can be enumerated), and each stage a
 * sorted set {@code sw:stage:{stage}:conns} with every score 0, so {@code ZRANGEBYLEX} pages through it in id order
 * and a cursor (the last id of a page) stays valid however the set changes. Trade-off: a stage's index is one key, so
 * on a Cluster it lives on one shard; at a few dozen bytes per connection that is fine for millions of connections,
 * but listing and the index writes of one stage do not scale out with shards. Records and the bus do.
 *
 * <p>Redis Cluster forbids multi-key transactions across slots, so writes are ordered instead: register writes the
 * record before the indexes, remove deletes it before them. An index entry without a record (a half-done remove, a
 * crash) is skipped by {@link #list} and removed on the way; it never shows up as a connection.
 *
 * <p>Threading: thread-safe and non-blocking. Stages complete on a Lettuce I/O thread, or on the JDK's timeout thread
 * when the operation timeout passes; dependent actions must not block.
 */
final class RedisConnectionRegistry implements ConnectionRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnectionRegistry.class);
    private static final String OWNER = "n";
    private static final String STAGE = "s";
    private static final String RECORD = "r";

    private final RedisClusterAsyncCommands<String, byte[]> redis;
    private final PayloadCipher cipher;

    RedisConnectionRegistry(RedisBackend backend, PayloadCipher cipher) {
        this.redis = backend.commands();
        this.cipher = cipher;
    }

    @Override
    public CompletionStage<Void> register(ConnectionRecord connection) {
        notNull(connection, "connection");
        String id = connection.connectionId();
        String key = Keys.connection(id);
        Map<String, byte[]> hash = Map.of(OWNER, bytes(connection.nodeId()), STAGE, bytes(connection.stage()),
                RECORD, cipher.seal(RecordCodec.encode(connection), key));
        return redis.hset(key, hash).thenCompose(ignored -> CompletableFuture.allOf(
                redis.sadd(Keys.nodeConnections(connection.nodeId()), bytes(id)).toCompletableFuture(),
                redis.zadd(Keys.stageIndex(connection.stage()), 0, bytes(id)).toCompletableFuture()));
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> find(String connectionId) {
        notNull(connectionId, "connectionId");
        String key = Keys.connection(connectionId);
        return redis.hget(key, RECORD).thenApply(sealed -> Optional.ofNullable(sealed).map(s -> open(s, key)));
    }

    @Override
    public CompletionStage<Void> remove(String connectionId) {
        notNull(connectionId, "connectionId");
        return removeAndReturn(connectionId).thenApply(removed -> null);
    }

    /**
     * Removes a connection's record and index entries; completes with the record when this call deleted it, or empty
     * when it was unknown or another caller deleted it first. Membership uses it to clear a dead node's connections
     * exactly once.
     */
    CompletionStage<Optional<ConnectionRecord>> removeAndReturn(String connectionId) {
        String key = Keys.connection(connectionId);
        return redis.hmget(key, OWNER, STAGE, RECORD).thenCompose(fields -> {
            byte[] owner = fields.get(0).getValueOrElse(null);
            byte[] stage = fields.get(1).getValueOrElse(null);
            byte[] sealed = fields.get(2).getValueOrElse(null);
            if (owner == null || stage == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            ConnectionRecord record = readable(connectionId, string(stage), string(owner), sealed);
            return redis.del(key).thenCompose(deleted -> CompletableFuture.allOf(
                    redis.srem(Keys.nodeConnections(string(owner)), bytes(connectionId)).toCompletableFuture(),
                    redis.zrem(Keys.stageIndex(string(stage)), bytes(connectionId)).toCompletableFuture())
                    .thenApply(done -> deleted > 0 ? Optional.of(record) : Optional.<ConnectionRecord>empty()));
        });
    }

    @Override
    public CompletionStage<Page> list(String stage, String cursor, int limit) {
        notNull(stage, "stage");
        notNull(cursor, "cursor");
        checkArgument(limit > 0, "limit: %s (expected: > 0)", limit);
        String index = Keys.stageIndex(stage);
        Range<byte[]> after = cursor.isEmpty()
                ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(bytes(cursor)), Range.Boundary.unbounded());
        return redis.zrangebylex(index, after, Limit.create(0, limit + 1L)).thenCompose(ids -> {
            boolean more = ids.size() > limit;
            List<String> page = ids.subList(0, Math.min(limit, ids.size())).stream()
                    .map(RedisConnectionRegistry::string).toList();
            String next = more ? page.get(page.size() - 1) : "";
            return records(index, page).thenApply(records -> new Page(records, next));
        });
    }

    /** Releases nothing: the registry shares the engine's connection, which {@code RedisEngine.close()} closes. */
    @Override
    public void close() {}

    private CompletionStage<List<ConnectionRecord>> records(String index, List<String> ids) {
        List<CompletableFuture<byte[]>> reads = new ArrayList<>(ids.size());
        for (String id : ids) {
            reads.add(redis.hget(Keys.connection(id), RECORD).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ConnectionRecord> records = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                byte[] sealed = reads.get(i).join();
                if (sealed == null) {
                    redis.zrem(index, bytes(ids.get(i)));
                } else {
                    records.add(open(sealed, Keys.connection(ids.get(i))));
                }
            }
            return records;
        });
    }

    /** Opens a record being removed; one this node cannot read is still removed, with what the hash shows. */
    private ConnectionRecord readable(String id, String stage, String owner, byte @Nullable [] sealed) {
        try {
            return open(notNull(sealed, "record"), Keys.connection(id));
        } catch (RuntimeException e) {
            LOG.warn("Connection {}: unreadable record ({}); removing it without its client details", id, e.toString());
            return new ConnectionRecord(id, stage, owner, 0L, "", "");
        }
    }

    private ConnectionRecord open(byte[] sealed, String key) {
        return RecordCodec.decode(cipher.open(sealed, key));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
