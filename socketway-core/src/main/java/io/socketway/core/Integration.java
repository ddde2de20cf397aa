package io.socketway.core;

/**
 * Calls a route's backend for one event.
 *
 * <p>Threading: {@link #invoke} blocks and is always called on a virtual thread, never on an event loop; implementations
 * are thread-safe and enforce their own timeout.
 */
interface Integration {

    /** Calls the backend and returns its response. */
    IntegrationResponse invoke(IntegrationEvent event) throws IntegrationException;
}
