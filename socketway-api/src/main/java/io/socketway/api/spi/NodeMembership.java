package io.socketway.api.spi;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Knows which gateway nodes are alive, and shares out the cleanup of nodes that died without a word.
 *
 * <p>Contract: thread-safe and non-blocking. A node whose heartbeat expired is reaped by exactly one survivor:
 * {@link #reapDeadNodes} returns each of its connections to one caller only, already removed from the registry, so
 * that caller fires their {@code $disconnect} once.
 */
public interface NodeMembership extends AutoCloseable {

    /** Claims the cleanup of dead nodes and returns their connections (empty when there is nothing to reap). */
    CompletionStage<List<ConnectionRecord>> reapDeadNodes();

    /** Returns the ids of the nodes whose heartbeat is current. */
    CompletionStage<List<String>> liveNodes();

    /**
     * Returns false while this node cannot renew its heartbeat (the shared store is unreachable), so that readiness
     * checks take the node out of a load balancer's rotation until it recovers. Never blocks.
     */
    default boolean reachable() {
        return true;
    }

    /** Stops heartbeating and deregisters this node (graceful leave). */
    @Override
    void close();
}
