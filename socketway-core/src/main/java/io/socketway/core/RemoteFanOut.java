package io.socketway.core;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.MessageBus.Delivery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The part of a fan-out that goes to connections on other nodes: looks every id up in the registry, groups the ids
 * by owning node, and sends one {@link io.socketway.api.spi.MessageBus#sendMany bus operation} per node. Ids the
 * registry does not know, that it places on this node (which no longer holds them) or on another stage, are gone;
 * ids whose lookup or node failed are left out of the answer, which the caller reports as failed.
 *
 * <p>Threading: one instance per fan-out; {@link #run} is non-blocking and its stage completes on whichever thread
 * the registry or bus completes on.
 */
final class RemoteFanOut {
    private final Gateway gateway;
    private final String stage;
    private final List<String> ids;
    private final byte[] data;

    RemoteFanOut(Gateway gateway, String stage, List<String> ids, byte[] data) {
        this.gateway = gateway;
        this.stage = stage;
        this.ids = ids;
        this.data = data;
    }

    /** Returns the outcome of each id that has one. */
    CompletionStage<Map<String, Delivery>> run() {
        List<CompletableFuture<Optional<ConnectionRecord>>> lookups = new ArrayList<>(ids.size());
        for (String id : ids) {
            lookups.add(gateway.registry().find(id).toCompletableFuture()
                    .exceptionally(e -> null));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .thenCompose(done -> sendByNode(lookups));
    }

    private CompletionStage<Map<String, Delivery>> sendByNode(List<CompletableFuture<Optional<ConnectionRecord>>> lookups) {
        String self = gateway.settings().nodeId();
        Map<String, Delivery> outcomes = new HashMap<>();
        Map<String, List<String>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Optional<ConnectionRecord> found = lookups.get(i).join();
            if (found == null) {
                continue;
            }
            if (found.isEmpty() || found.get().nodeId().equals(self) || !found.get().stage().equals(stage)) {
                outcomes.put(ids.get(i), Delivery.GONE);
            } else {
                byNode.computeIfAbsent(found.get().nodeId(), n -> new ArrayList<>()).add(ids.get(i));
            }
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>(byNode.size());
        byNode.forEach((node, nodeIds) -> sends.add(send(node, nodeIds, outcomes)));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(done -> {
            synchronized (outcomes) {
                return Map.copyOf(outcomes);
            }
        });
    }

    private CompletableFuture<Void> send(String node, List<String> nodeIds, Map<String, Delivery> outcomes) {
        long started = System.nanoTime();
        return gateway.bus().sendMany(node, nodeIds, data).toCompletableFuture().handle((deliveries, e) -> {
            if (e != null) {
                return null;
            }
            long elapsed = System.nanoTime() - started;
            synchronized (outcomes) {
                for (int i = 0; i < nodeIds.size(); i++) {
                    outcomes.put(nodeIds.get(i), deliveries.get(i));
                    gateway.observer().remoteDelivery("post", deliveries.get(i), elapsed);
                }
            }
            return null;
        });
    }
}
