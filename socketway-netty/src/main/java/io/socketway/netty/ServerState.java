package io.socketway.netty;

import io.socketway.core.Limits;
import io.socketway.core.LocalEndpoint;

/**
 * What handlers share about their server: the limits, whether it listens with TLS, the endpoint, readiness.
 * Thread-safe.
 */
final class ServerState {
    private final Limits limits;
    private volatile boolean ready;
    private volatile LocalEndpoint endpoint;

    ServerState(Limits limits, LocalEndpoint endpoint) {
        this.limits = limits;
        this.endpoint = endpoint;
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
