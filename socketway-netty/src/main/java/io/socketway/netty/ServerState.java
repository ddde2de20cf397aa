package io.socketway.netty;

import io.socketway.core.Limits;
import io.socketway.core.LocalEndpoint;

/**
 * What handlers share about their server: the limits, whether it listens with TLS, the endpoint, readiness, and the
 * event loops' watch over connection deadlines.
 * Thread-safe.
 */
final class ServerState {
    private final Limits limits;
    private final ConnectionTimeouts timeouts;
    private final ClientAddresses addresses;
    private volatile boolean ready;
    private volatile LocalEndpoint endpoint;

    ServerState(Limits limits, LocalEndpoint endpoint, ClientAddresses addresses) {
        this.limits = limits;
        this.addresses = addresses;
        this.endpoint = endpoint;
        this.timeouts = new ConnectionTimeouts(min(limits.idleTimeout(), limits.maxDuration()));
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Returns the idle-timeout and maximum-duration watch shared by this server's WebSocket connections. */
    ConnectionTimeouts timeouts() {
        return timeouts;
    }

    /** Returns how client addresses are found behind proxies. */
    ClientAddresses addresses() {
        return addresses;
    }

    Limits limits() {
        return limits;
    }

    boolean ready() {
        return ready;
    }

    void ready(boolean value) {
        ready = value;
    }

    LocalEndpoint endpoint() {
        return endpoint;
    }

    void endpoint(LocalEndpoint value) {
        endpoint = value;
    }
}
