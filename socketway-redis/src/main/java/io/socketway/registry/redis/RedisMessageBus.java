package io.socketway.registry.redis;

import static io.socketway.api.Checks.notNull;

import io.socketway.api.spi.MessageBus;
import io.socketway.registry.redis.BusFrame.ManyReply;
import io.socketway.registry.redis.BusFrame.ManyRequest;
import io.socketway.registry.redis.BusFrame.Outcome;
import io.socketway.registry.redis.BusFrame.Reply;
import io.socketway.registry.redis.BusFrame.Request;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message bus on Redis sharded pub/sub.
 *
 * <p>Protocol: node {@code N} receives operations on the sharded channel {@code sw:bus:{N}} and answers on the
 * requester's {@code sw:reply:{R}}; each node subscribes to its own two channels only, so no node sees traffic meant
 * for another, and on a Cluster each channel lives on the shard of its slot ({@code SSUBSCRIBE}/{@code SPUBLISH}).
 * A request carries a request id, the requester, the timeout and the connection id; the reply carries the id and the
 * outcome (see {@link BusFrame}). Both are sealed by {@link PayloadCipher} with the channel name as associated data.
 *
 * <p>A delivery completes only with the owner's answer. It fails at once when {@code SPUBLISH} reaches no subscriber
 * (the node is dead, not yet subscribed, or reconnecting), and fails with a {@link TimeoutException} when no answer
 * comes within the operation timeout. The owner drops a request that waited in its queue for more than half that
 * timeout (measured from its arrival, so clocks need not agree), so a delivery that failed by timeout was, short of a
 * receiver call still running at that moment, not delivered, and a retry does not duplicate it. It never reports
 * {@link Delivery#DELIVERED} unless the owner's receiver did.
 *
 * <p>Order: requests from this node are published in call order, pipelined on the one connection to the channel's
 * shard (which {@link RedisBackend} opens before use), Redis keeps the order on a channel, and the owner runs the
 * requests for one connection one at a time in arrival order (requests for different connections in parallel). So
 * pushes from one node to one connection keep their order. A fan-out ({@link #sendMany}) is one request per owning
 * node carrying every id for that node; the owner runs a node's fan-outs one at a time in arrival order, in parallel
 * with single requests, so fan-outs keep their order among themselves but not against single pushes.
 *
 * <p>Threading: thread-safe; {@link #send} and {@link #disconnect} never block. {@link #subscribe} blocks until Redis
 * confirmed the subscription (at most the operation timeout); call it at start-up. Receivers run on virtual threads,
 * never on Lettuce's I/O threads, so they may block briefly (each blocked receiver call delays only its own
 * connection). Stages complete on a Lettuce I/O thread or the JDK's timeout thread; dependents must not block.
 */
final class RedisMessageBus implements MessageBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageBus.class);

    private final RedisBackend backend;
    private final PayloadCipher cipher;
    private final String self;
    private final String replyChannel;
    private final Duration timeout;
    private final KeyedSequencer sequencer;
    private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Delivery>> pending = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<List<Delivery>>> pendingMany = new ConcurrentHashMap<>();
    private final AtomicLong nextRequestId = new AtomicLong(new SecureRandom().nextLong());
    private volatile boolean closed;

    RedisMessageBus(RedisBackend backend, PayloadCipher cipher, RedisSettings settings, Executor receiverExecutor) {
        this.backend = backend;
        this.cipher = cipher;
        this.self = settings.nodeId();
        this.replyChannel = Keys.replyChannel(self);
        this.timeout = settings.operationTimeout();
        this.sequencer = new KeyedSequencer(receiverExecutor);
    }

    /** Subscribes to this node's reply channel; the engine calls it once, before handing the bus out. */
    void start() {
        await(backend.ssubscribe(replyChannel), "SSUBSCRIBE " + replyChannel);
    }

    @Override
    public CompletionStage<Delivery> send(String nodeId, String connectionId, byte[] data) {
        return request(BusFrame.SEND, notNull(nodeId, "nodeId"), notNull(connectionId, "connectionId"),
                notNull(data, "data"));
    }

    @Override
    public CompletionStage<List<Delivery>> sendMany(String nodeId, List<String> connectionIds, byte[] data) {
        notNull(nodeId, "nodeId");
        List<String> ids = List.copyOf(notNull(connectionIds, "connectionIds"));
        notNull(data, "data");
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("bus: closed"));
        }
        long id = nextRequestId.getAndIncrement();
        CompletableFuture<List<Delivery>> answer = new CompletableFuture<>();
        pendingMany.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((d, e) -> pendingMany.remove(id));
        String channel = Keys.busChannel(nodeId);
        publish(nodeId, channel, BusFrame.encode(new ManyRequest(id, timeoutMillis(), self, ids, data)), answer);
        return answer.thenApply(deliveries -> {
            if (deliveries.size() != ids.size()) {
                throw new IllegalStateException("node " + nodeId + ": " + deliveries.size() + " outcomes (expected: "
                        + ids.size() + ")");
            }
            return deliveries;
        }).handle((deliveries, error) -> describe(deliveries, error, nodeId));
    }

    @Override
    public CompletionStage<Delivery> disconnect(String nodeId, String connectionId) {
        return request(BusFrame.DISCONNECT, notNull(nodeId, "nodeId"), notNull(connectionId, "connectionId"),
                new byte[0]);
    }

    @Override
    public void subscribe(String nodeId, Receiver receiver) {
        String channel = Keys.busChannel(notNull(nodeId, "nodeId"));
        if (receivers.put(channel, notNull(receiver, "receiver")) == null) {
            try {
                await(backend.ssubscribe(channel), "SSUBSCRIBE " + channel);
            } catch (RuntimeException e) {
                receivers.remove(channel, receiver);
                throw e;
            }
        }
    }

    /** Stops receiving, and fails the deliveries still waiting for an answer. */
    @Override
    public void close() {
        closed = true;
        receivers.keySet().forEach(channel -> backend.sunsubscribe(channel));
        receivers.clear();
        pending.values().forEach(p -> p.completeExceptionally(new IllegalStateException("bus: closed")));
        pendingMany.values().forEach(p -> p.completeExceptionally(new IllegalStateException("bus: closed")));
    }

    /** Handles a sharded message; called on a Lettuce I/O thread. */
    void onShardMessage(String channel, byte[] message) {
        try {
            if (channel.equals(replyChannel)) {
                switch (BusFrame.decode(cipher.open(message, channel))) {
                    case Reply reply -> onReply(reply);
                    case ManyReply reply -> onManyReply(reply);
                    default -> throw new IllegalStateException("bus frame: a request on a reply channel");
                }
                return;
            }
            Receiver receiver = receivers.get(channel);
            if (receiver != null) {
                switch (BusFrame.decode(cipher.open(message, channel))) {
                    case Request request -> onRequest(channel, receiver, request);
                    case ManyRequest request -> onManyRequest(channel, receiver, request);
                    default -> throw new IllegalStateException("bus frame: a reply on a request channel");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Dropped an unreadable message on {}: {}", channel, e.toString());
        }
    }

    private CompletionStage<Delivery> request(byte kind, String nodeId, String connectionId, byte[] data) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("bus: closed"));
        }
        long id = nextRequestId.getAndIncrement();
        CompletableFuture<Delivery> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((d, e) -> pending.remove(id));
        String channel = Keys.busChannel(nodeId);
        byte[] frame = BusFrame.encode(new Request(kind, id, timeoutMillis(), self, connectionId, data));
        publish(nodeId, channel, frame, answer);
        return answer.handle((delivery, error) -> describe(delivery, error, nodeId));
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Seals and publishes a request; fails {@code answer} at once when Redis fails or no node listens. */
    private void publish(String nodeId, String channel, byte[] frame, CompletableFuture<?> answer) {
        backend.commands().spublish(channel, cipher.seal(frame, channel)).whenComplete((subscribers, e) -> {
            if (e != null) {
                answer.completeExceptionally(e);
            } else if (subscribers == 0) {
                answer.completeExceptionally(new IllegalStateException(
                        "node " + nodeId + ": no subscriber on " + channel + " (expected: a live node)"));
            }
        });
    }

    private <T> T describe(T delivery, Throwable error, String nodeId) {
        if (error == null) {
            return delivery;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            cause = new TimeoutException("node " + nodeId + ": no answer within " + timeout.toMillis() + " ms");
        }
        throw new CompletionException(cause);
    }

    private void onRequest(String channel, Receiver receiver, Request request) {
        long arrived = System.nanoTime();
        sequencer.submit(channel + ' ' + request.connectionId(), () -> {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived);
            if (waited > request.timeoutMillis() / 2) {
                LOG.debug("Skipped a request for {} that waited {} ms", request.connectionId(), waited);
                return;
            }
            answer(request, invoke(receiver, request));
        });
    }

    private void onManyRequest(String channel, Receiver receiver, ManyRequest request) {
        long arrived = System.nanoTime();
        sequencer.submit(channel + " fan-out " + request.requester(), () -> {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - arrived);
            if (waited > request.timeoutMillis() / 2) {
                LOG.debug("Skipped a fan-out to {} connections that waited {} ms", request.connectionIds().size(),
                        waited);
                return;
            }
            List<Outcome> outcomes = new ArrayList<>(request.connectionIds().size());
            try {
                receiver.sendMany(request.connectionIds(), request.data()).forEach(d -> outcomes.add(outcome(d)));
            } catch (RuntimeException e) {
                LOG.warn("Receiver failed for a fan-out to {} connections", request.connectionIds().size(), e);
                outcomes.clear();
                request.connectionIds().forEach(id -> outcomes.add(Outcome.FAILED));
            }
            String replyTo = Keys.replyChannel(request.requester());
            reply(replyTo, BusFrame.encode(new ManyReply(request.requestId(), outcomes)), request.requester());
        });
    }

    private static Outcome outcome(Delivery delivery) {
        return switch (delivery) {
            case DELIVERED -> Outcome.DELIVERED;
            case GONE -> Outcome.GONE;
            case BUFFER_FULL -> Outcome.BUFFER_FULL;
        };
    }

    private void onManyReply(ManyReply reply) {
        CompletableFuture<List<Delivery>> answer = pendingMany.remove(reply.requestId());
        if (answer == null) {
            return;
        }
        if (reply.outcomes().contains(Outcome.FAILED)) {
            answer.completeExceptionally(new IllegalStateException("receiver failed on the owner"));
            return;
        }
        answer.complete(reply.outcomes().stream().map(o -> switch (o) {
            case DELIVERED -> Delivery.DELIVERED;
            case GONE -> Delivery.GONE;
            default -> Delivery.BUFFER_FULL;
        }).toList());
    }

    private static Outcome invoke(Receiver receiver, Request request) {
        try {
            Delivery delivery = request.kind() == BusFrame.SEND
                    ? receiver.send(request.connectionId(), request.data())
                    : receiver.disconnect(request.connectionId());
            return switch (delivery) {
                case DELIVERED -> Outcome.DELIVERED;
                case GONE -> Outcome.GONE;
                case BUFFER_FULL -> Outcome.BUFFER_FULL;
            };
        } catch (RuntimeException e) {
            LOG.warn("Receiver failed for connection {}", request.connectionId(), e);
            return Outcome.FAILED;
        }
    }

    private void answer(Request request, Outcome outcome) {
        reply(Keys.replyChannel(request.requester()), BusFrame.encode(new Reply(request.requestId(), outcome)),
                request.requester());
    }

    private void reply(String channel, byte[] frame, String requester) {
        backend.commands().spublish(channel, cipher.seal(frame, channel)).whenComplete((subscribers, e) -> {
            if (e != null) {
                LOG.warn("Could not answer node {}: {}", requester, e.toString());
            }
        });
    }

    private void onReply(Reply reply) {
        CompletableFuture<Delivery> answer = pending.remove(reply.requestId());
        if (answer == null) {
            return;
        }
        switch (reply.outcome()) {
            case DELIVERED -> answer.complete(Delivery.DELIVERED);
            case GONE -> answer.complete(Delivery.GONE);
            case BUFFER_FULL -> answer.complete(Delivery.BUFFER_FULL);
            case FAILED -> answer.completeExceptionally(new IllegalStateException("receiver failed on the owner"));
        }
    }

    private void await(CompletionStage<?> stage, String what) {
        try {
            stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(what + ": not confirmed within " + timeout.toMillis() + " ms", e);
        }
    }
}
