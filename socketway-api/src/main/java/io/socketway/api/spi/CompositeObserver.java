package io.socketway.api.spi;

import org.jspecify.annotations.Nullable;

/**
 * Calls several observers in order; an observer that throws is skipped for that event, so one broken plugin never
 * breaks the gateway or the others. The per-message events loop inline (no capturing lambda per call); the rare
 * ones share {@link #each}. Immutable and thread-safe.
 */
final class CompositeObserver implements GatewayObserver {
    private final GatewayObserver[] observers;

    CompositeObserver(GatewayObserver[] observers) {
        this.observers = observers;
    }

    private interface Call {
        void on(GatewayObserver o);
    }

    private void each(Call call) {
        for (GatewayObserver o : observers) {
            try {
                call.on(o);
            } catch (RuntimeException e) {
                // an observer must not throw; keep the others running
            }
        }
    }

    @Override
    public void connectRequested(String stage) {
        for (GatewayObserver o : observers) {
            try {
                o.connectRequested(stage);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }

    @Override
    public void connectRejected(String stage, int status) {
        each(o -> o.connectRejected(stage, status));
    }

    @Override
    public void connectionOpened(String stage) {
        each(o -> o.connectionOpened(stage));
    }

    @Override
    public void messageReceived(String stage, @Nullable String route, int bytes) {
        for (GatewayObserver o : observers) {
            try {
                o.messageReceived(stage, route, bytes);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }

    @Override
    public void messageSent(String stage, OutboundKind kind, int bytes) {
        for (GatewayObserver o : observers) {
            try {
                o.messageSent(stage, kind, bytes);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }

    @Override
    public void clientError(String stage, @Nullable String route, int status) {
        each(o -> o.clientError(stage, route, status));
    }

    @Override
    public void integrationCompleted(String stage, String route, Outcome outcome, long latencyNanos) {
        for (GatewayObserver o : observers) {
            try {
                o.integrationCompleted(stage, route, outcome, latencyNanos);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }

    @Override
    public void throttled(String stage, Throttle kind) {
        each(o -> o.throttled(stage, kind));
    }

    @Override
    public void functionStarted(String function) {
        for (GatewayObserver o : observers) {
            try {
                o.functionStarted(function);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }

    @Override
    public void functionFinished(String function) {
        for (GatewayObserver o : observers) {
            try {
                o.functionFinished(function);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }

    @Override
    public void outboundRefused(String stage, OutboundKind kind) {
        each(o -> o.outboundRefused(stage, kind));
    }

    @Override
    public void disconnected(String stage, int code, DisconnectCause cause) {
        each(o -> o.disconnected(stage, code, cause));
    }

    @Override
    public void remoteDelivery(String operation, MessageBus.Delivery result, long latencyNanos) {
        each(o -> o.remoteDelivery(operation, result, latencyNanos));
    }

    @Override
    public void connectionEnded(String stage, long durationMillis) {
        each(o -> o.connectionEnded(stage, durationMillis));
    }

    @Override
    public void functionInvoked(String stage, String route, String function, int memorySizeMb, long durationNanos) {
        for (GatewayObserver o : observers) {
            try {
                o.functionInvoked(stage, route, function, memorySizeMb, durationNanos);
            } catch (RuntimeException e) {
                // see each()
            }
        }
    }
}
