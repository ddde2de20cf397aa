package io.socketway.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Carries management operations to the node that owns a connection. The in-memory engine has a single node, so its
 * bus never leaves the process; the Redis engine carries them between nodes.
 *
 * <p>Contract: thread-safe and non-blocking. A delivery completes only once the owning node has accepted (or refused)
 * the operation; it never reports {@link Delivery#DELIVERED} for a message that was dropped.
 */
public interface MessageBus extends AutoCloseable {

    /** Sends {@code data} as one message to a connection held by {@code nodeId}. */
    CompletionStage<Delivery> send(String nodeId, String connectionId, byte[] data);

    /**
     * Sends {@code data} as one message to each of several connections held by {@code nodeId} (the
     * {@code @connections} fan-out). Completes with one outcome per id, in the order of {@code connectionIds}, or
     * fails as a whole as {@link #send} fails. The default sends one {@link #send} per id; an engine overrides it to
     * carry the whole batch to the owner in one operation.
     */
    default CompletionStage<List<Delivery>> sendMany(String nodeId, List<String> connectionIds, byte[] data) {
        List<CompletableFuture<Delivery>> each = new ArrayList<>(connectionIds.size());
        for (String id : connectionIds) {
            each.add(send(nodeId, id, data).toCompletableFuture());
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }

    /** Closes a connection held by {@code nodeId}, firing its {@code $disconnect}. */
    CompletionStage<Delivery> disconnect(String nodeId, String connectionId);

    /** Starts receiving operations addressed to {@code nodeId}. */
    void subscribe(String nodeId, Receiver receiver);

    /** Releases the bus's resources. */
    @Override
    void close();

    /** The outcome of an operation, as the owner saw it. */
    enum Delivery {
        /** The message is in the connection's outbound buffer, or the connection is closing. */
        DELIVERED,
        /** The connection does not exist (any more). */
        GONE,
        /** The connection's outbound buffer is full. */
        BUFFER_FULL
    }

    /** Handles operations addressed to this node. Called off event loops; must not block for long. */
    interface Receiver {
        /** Delivers a message to a local connection. */
        Delivery send(String connectionId, byte[] data);

        /**
         * Delivers one message to several local connections; one outcome per id, in order. The default calls
         * {@link #send} per id.
         */
        default List<Delivery> sendMany(List<String> connectionIds, byte[] data) {
            return connectionIds.stream().map(id -> send(id, data)).toList();
        }

        /** Closes a local connection. */
        Delivery disconnect(String connectionId);
    }
}
