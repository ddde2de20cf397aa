package io.socketway.core;

/**
 * A read-only operations page the transport serves next to the health endpoints, such as Prometheus metrics or the
 * alarms' states. Pages are given to the {@link Gateway.Builder} so that any transport serving the gateway serves them;
 * the transport protects them like the {@code @connections} API (loopback, or SigV4 when access keys are configured).
 *
 * <p>Threading: {@link #render} may take milliseconds (a scrape formats every meter), so transports call it off their
 * event loops; implementations are thread-safe.
 */
public interface StatusPage {

    /** Returns the absolute path the page is served at, for example {@code /_socketway/metrics}. */
    String path();

    /** Returns the {@code Content-Type} of {@link #render}. */
    String contentType();

    /** Returns the page's current content. */
    String render();
}
