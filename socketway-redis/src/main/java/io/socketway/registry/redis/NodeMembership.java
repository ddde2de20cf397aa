package io.socketway.registry.redis;

import io.socketway.api.spi.ConnectionRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Tells which gateway nodes are alive, and lets the survivors clean up after a node that died without a word: the
 * {@link io.socketway.api.spi.NodeMembership} SPI that {@code Gateway.Builder.membership} takes, plus what only the
 * Redis engine offers (this node's id, an asynchronous leave, heartbeat lapses).
 *
 * <p>Each node heartbeats a key with a TTL ({@link RedisSettings#heartbeatInterval()}, {@link RedisSettings#nodeTtl()})
 * from the moment its engine connects. A node whose heartbeat expired is dead; the first survivor to call
 * {@link #reapDeadNodes} after that claims its cleanup, and only that survivor gets its connections. Call
 * {@link #reapDeadNodes} on every node about once per heartbeat interval: a dead node's connections are then gone
 * within {@code nodeTtl + heartbeatInterval} (12 s by default).
 *
 * <p>Threading: thread-safe and non-blocking, except {@link #close()}, which waits for the leave (at most the
 * operation timeout). Stages complete on Lettuce's I/O threads, so dependents must not block.
 */
public interface NodeMembership extends io.socketway.api.spi.NodeMembership {

    /** Returns this node's id. */
    String nodeId();

    /** Returns the ids of the nodes whose heartbeat is current, this node included, sorted. */
    @Override
    CompletionStage<List<String>> liveNodes();

    /**
     * Claims the cleanup of every node whose heartbeat expired and that no other survivor has claimed, removes those
     * nodes' connections from the registry, and returns their records (decrypted), so that the caller fires
     * {@code $disconnect} for each. Each connection is returned to one caller once, even when survivors race; only a
     * reaper that crashes halfway lets another survivor return the rest again, after {@code 3 x nodeTtl}.
     */
    @Override
    CompletionStage<List<ConnectionRecord>> reapDeadNodes();

    /**
     * Leaves gracefully: stops heartbeating and removes this node, and every connection still registered for it, from
     * Redis. Call it after the gateway drained, before closing the engine.
     */
    CompletionStage<Void> leave();

    /** Leaves gracefully ({@link #leave()}), waiting at most the operation timeout; logs instead of throwing. */
    @Override
    void close();

    /**
     * Runs {@code listener} (on a virtual thread) whenever this node finds that its heartbeat had expired although it
     * kept running: Redis lost it (restart, failover) or survivors may have reaped this node after a long pause. The
     * node should then register its live connections again.
     */
    void onHeartbeatLapse(Runnable listener);
}
