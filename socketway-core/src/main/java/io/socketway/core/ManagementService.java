package io.socketway.core;

import io.socketway.api.StageDefinition;
import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.api.spi.GatewayObserver.OutboundKind;
import io.socketway.api.spi.MessageBus.Delivery;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The {@code @connections} operations (spec §6): post a message to a connection, read it, close it, and (beyond AWS)
 * list live connections. Local connections are served in place; others through the registry and the bus. Each call
 * sees only the connections of the stage in its path: another stage's connection is gone (410), so a key limited to
 * one stage can neither reach nor close the others'.
 *
 * <p>Threading: thread-safe and non-blocking; transports call it on their event loops. A post completes with
 * {@link ManagementResult#OK} only once the message is in the connection's outbound buffer.
 */
public final class ManagementService {
    private final Gateway gateway;
    private final Set<String> stageNames;

    ManagementService(Gateway gateway) {
        this.gateway = gateway;
        this.stageNames = gateway.api().stages().stream().map(StageDefinition::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Sends {@code data} to the connection as one message: text when it is UTF-8, binary otherwise. */
    public CompletionStage<ManagementResult> post(String stage, String connectionId, byte[] data) {
        if (!knownStage(stage)) {
            return done(ManagementResult.FORBIDDEN);
        }
        if (data.length > gateway.settings().limits().maxMessageBytes()) {
            return done(ManagementResult.PAYLOAD_TOO_LARGE);
        }
        Optional<Connection> local = gateway.local(connectionId);
        if (local.isPresent()) {
            return done(local.get().stage().equals(stage) ? result(deliverLocal(connectionId, data))
                    : ManagementResult.GONE);
        }
        return remote("post", stage, connectionId, owner -> gateway.bus().send(owner, connectionId, data));
    }

    /**
     * Sends {@code data} as one message to each of {@code connectionIds} (a Socketway extension; AWS has none):
     * connections on this node are written at once, in one batch per transport; the others are looked up in the
     * registry and sent one bus operation per owning node. Duplicate ids count once. Check {@link #fanOutRefusal}
     * first: this method assumes a known stage and a payload within the message limit.
     *
     * @return per-id outcomes; the stage completes when every owner has answered (or failed)
     */
    public CompletionStage<FanOutResult> postToMany(String stage, List<String> connectionIds, byte[] data) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(connectionIds));
        List<String> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        Map<String, Delivery> outcomes = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<Connection> here = gateway.local(id);
            if (here.isEmpty()) {
                remote.add(id);
            } else if (here.get().stage().equals(stage)) {
                local.add(id);
            } else {
                outcomes.put(id, Delivery.GONE); // another stage's connection: not found on this stage
            }
        }
        List<Delivery> written = deliverLocalMany(local, data);
        for (int i = 0; i < local.size(); i++) {
            outcomes.put(local.get(i), written.get(i));
        }
        return remote.isEmpty()
                ? CompletableFuture.completedFuture(result(ids, outcomes))
                : new RemoteFanOut(gateway, stage, remote, data).run().thenApply(found -> {
                    synchronized (outcomes) {
                        outcomes.putAll(found);
                        return result(ids, outcomes);
                    }
                });
    }

    /** Returns why a fan-out of {@code data} on {@code stage} is refused as a whole, or empty when it may run. */
    public Optional<ManagementResult> fanOutRefusal(String stage, byte[] data) {
        if (!knownStage(stage)) {
            return Optional.of(ManagementResult.FORBIDDEN);
        }
        if (data.length > gateway.settings().limits().maxMessageBytes()) {
            return Optional.of(ManagementResult.PAYLOAD_TOO_LARGE);
        }
        return Optional.empty();
    }

    private static FanOutResult result(List<String> ids, Map<String, Delivery> outcomes) {
        List<String> delivered = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        List<String> full = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String id : ids) {
            Delivery d = outcomes.get(id);
            (d == null ? failed : switch (d) {
                case DELIVERED -> delivered;
                case GONE -> gone;
                case BUFFER_FULL -> full;
            }).add(id);
        }
        return new FanOutResult(delivered, gone, full, failed);
    }

    /** Returns what {@code GetConnection} shows, or empty when the connection is gone. */
    public CompletionStage<Optional<ConnectionView>> get(String stage, String connectionId) {
        if (!knownStage(stage)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Optional<Connection> local = gateway.local(connectionId);
        if (local.isPresent()) {
            Connection c = local.get();
            return CompletableFuture.completedFuture(Optional.of(new ConnectionView(
                    c.id(), c.stage(), c.connectedAt(), c.lastActiveAt(), c.sourceIp(), c.userAgent()))
                    .filter(view -> view.stage().equals(stage)));
        }
        return gateway.registry().find(connectionId).thenApply(found -> found
                .filter(r -> r.stage().equals(stage)).map(ManagementService::view));
    }

    /** Closes the connection (its {@code $disconnect} follows). */
    public CompletionStage<ManagementResult> delete(String stage, String connectionId) {
        if (!knownStage(stage)) {
            return done(ManagementResult.FORBIDDEN);
        }
        Optional<Connection> local = gateway.local(connectionId);
        if (local.isPresent()) {
            return done(local.get().stage().equals(stage) ? result(closeLocal(connectionId)) : ManagementResult.GONE);
        }
        return remote("delete", stage, connectionId, owner -> gateway.bus().disconnect(owner, connectionId));
    }

    /** Lists live connections of a stage, {@code limit} at a time, after {@code cursor} (empty for the first page). */
    public CompletionStage<ConnectionRegistry.Page> list(String stage, String cursor, int limit) {
        return gateway.registry().list(stage, cursor, limit);
    }

    /**
     * Returns when a listed connection was last active (epoch milliseconds): its last data message when this node
     * holds it, otherwise its handshake, as {@link #get} answers for connections on other nodes.
     */
    public long lastActiveAt(ConnectionRecord record) {
        return gateway.local(record.connectionId()).map(Connection::lastActiveAt).orElse(record.connectedAt());
    }

    /** Returns the gateway's settings (keys, limits). */
    public GatewaySettings settings() {
        return gateway.settings();
    }

    /** Returns the region signatures must be scoped to (the template's {@code AWS::Region}). */
    public String region() {
        return gateway.api().region();
    }

    /** Returns true when the API has this stage. */
    public boolean knownStage(String stage) {
        return stageNames.contains(stage);
    }

    Delivery deliverLocal(String connectionId, byte[] data) {
        Optional<Connection> found = gateway.local(connectionId);
        ClientChannel channel = found.map(Connection::channel).orElse(null);
        if (channel == null || !found.get().isOpen()) {
            return Delivery.GONE;
        }
        Delivery delivery = isUtf8(data) ? channel.sendText(data) : channel.sendBinary(data);
        Connection c = found.get();
        if (delivery == Delivery.DELIVERED) {
            gateway.observer().messageSent(c.stage(), OutboundKind.PUSH, data.length);
            c.touch();
        } else if (delivery == Delivery.BUFFER_FULL) {
            gateway.observer().outboundRefused(c.stage(), OutboundKind.PUSH);
        }
        return delivery;
    }

    /**
     * Writes one message to several local connections: the live ones are handed to their transport's
     * {@link FanOutWriter}, once per writer; one outcome per id, in order.
     */
    List<Delivery> deliverLocalMany(List<String> connectionIds, byte[] data) {
        Delivery[] out = new Delivery[connectionIds.size()];
        Map<FanOutWriter, List<Integer>> groups = new LinkedHashMap<>();
        List<Connection> found = new ArrayList<>(connectionIds.size());
        for (int i = 0; i < out.length; i++) {
            Connection c = gateway.local(connectionIds.get(i)).orElse(null);
            ClientChannel channel = c == null ? null : c.channel();
            found.add(c);
            if (channel == null || !c.isOpen()) {
                out[i] = Delivery.GONE;
            } else {
                groups.computeIfAbsent(channel.fanOutWriter(), w -> new ArrayList<>()).add(i);
            }
        }
        boolean text = isUtf8(data);
        groups.forEach((writer, indexes) -> {
            List<ClientChannel> channels = indexes.stream().map(i -> found.get(i).channel()).toList();
            List<Delivery> written = writer.write(channels, data, text);
            for (int k = 0; k < indexes.size(); k++) {
                out[indexes.get(k)] = counted(found.get(indexes.get(k)), written.get(k), data.length);
            }
        });
        return List.of(out);
    }

    private Delivery counted(Connection c, Delivery delivery, int bytes) {
        if (delivery == Delivery.DELIVERED) {
            gateway.observer().messageSent(c.stage(), OutboundKind.PUSH, bytes);
            c.touch();
        } else if (delivery == Delivery.BUFFER_FULL) {
            gateway.observer().outboundRefused(c.stage(), OutboundKind.PUSH);
        }
        return delivery;
    }

    Delivery closeLocal(String connectionId) {
        Optional<Connection> found = gateway.local(connectionId);
        ClientChannel channel = found.map(Connection::channel).orElse(null);
        if (channel == null) {
            return Delivery.GONE;
        }
        channel.close(CloseReason.DELETED);
        return Delivery.DELIVERED;
    }

    /**
     * Runs an operation on the node that owns a connection of {@code stage} through the bus, timing the bus's round
     * trip for metrics; a connection of another stage is gone, as every operation sees only its stage's connections.
     */
    private CompletionStage<ManagementResult> remote(String name, String stage, String connectionId,
            java.util.function.Function<String, CompletionStage<Delivery>> operation) {
        String self = gateway.settings().nodeId();
        return gateway.registry().find(connectionId).thenCompose(found -> {
            if (found.isEmpty() || found.get().nodeId().equals(self) || !found.get().stage().equals(stage)) {
                return done(ManagementResult.GONE);
            }
            long started = System.nanoTime();
            return operation.apply(found.get().nodeId()).thenApply(delivery -> {
                gateway.observer().remoteDelivery(name, delivery, System.nanoTime() - started);
                return result(delivery);
            });
        });
    }

    private static ManagementResult result(Delivery delivery) {
        return switch (delivery) {
            case DELIVERED -> ManagementResult.OK;
            case GONE -> ManagementResult.GONE;
            case BUFFER_FULL -> ManagementResult.LIMIT_EXCEEDED;
        };
    }

    private static ConnectionView view(ConnectionRecord r) {
        String ua = r.userAgent().isEmpty() ? null : r.userAgent();
        return new ConnectionView(r.connectionId(), r.stage(), r.connectedAt(), r.connectedAt(), r.sourceIp(), ua);
    }

    /** Returns true when {@code data} is valid UTF-8 (sent as a text message); an ASCII run needs no decoder. */
    static boolean isUtf8(byte[] data) {
        int ascii = 0;
        while (ascii < data.length && data[ascii] >= 0) {
            ascii++;
        }
        if (ascii == data.length) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, ascii, data.length - ascii));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static CompletionStage<ManagementResult> done(ManagementResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
