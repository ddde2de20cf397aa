package io.socketway.api.spi;

/**
 * Hears every request a gateway node handled, once it has ended, with its request id, connection id and outcome: the
 * seam for access logs (and anything else that needs one record per request). Unlike {@link GatewayObserver}, whose
 * arguments are low-cardinality names for metrics, an {@link AccessLogEntry} carries ids and addresses.
 *
 * <p>Contract: called on event loops and on the gateway's virtual threads, concurrently. Implementations are
 * thread-safe, never block and never throw; anything slow (I/O) goes to a queue drained by a thread of their own. When
 * a node has no listener, it builds no entries at all.
 */
@FunctionalInterface
public interface RequestListener {
    /** Hears nothing; a node with only this listener builds no entries. */
    RequestListener NOOP = entry -> {};

    /** A request ended: the connect was answered, the message's integration returned or failed, the disconnect ran. */
    void requestCompleted(AccessLogEntry entry);
}
