package io.socketway.core;

import io.socketway.api.spi.MessageBus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default bus: every connection lives in this process, so operations go straight to the local receiver,
 * and an unknown node means the connection is gone. Thread-safe.
 */
public final class SingleNodeMessageBus implements MessageBus {
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Delivery> send(String nodeId, String connectionId, byte[] data) {
        Receiver r = receivers.get(nodeId);
        return CompletableFuture.completedFuture(r == null ? Delivery.GONE : r.send(connectionId, data));
    }

    @Override
    public CompletionStage<java.util.List<Delivery>> sendMany(String nodeId, java.util.List<String> connectionIds,
            byte[] data) {
        Receiver r = receivers.get(nodeId);
        return CompletableFuture.completedFuture(r == null
                ? java.util.Collections.nCopies(connectionIds.size(), Delivery.GONE)
                : r.sendMany(connectionIds, data));
    }

    @Override
    public CompletionStage<Delivery> disconnect(String nodeId, String connectionId) {
        Receiver r = receivers.get(nodeId);
        return CompletableFuture.completedFuture(r == null ? Delivery.GONE : r.disconnect(connectionId));
    }

    @Override
    public void subscribe(String nodeId, Receiver receiver) {
        receivers.put(nodeId, receiver);
    }

    @Override
    public void close() {
        receivers.clear();
    }
}
