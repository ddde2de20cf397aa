package io.socketway.testing;

import static io.socketway.testing.ConnectionRegistryContract.await;
import static io.socketway.testing.ConnectionRegistryContract.randomConnectionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.MessageBus;
import io.socketway.api.spi.MessageBus.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link MessageBus} keeps; an implementation's test extends this class and supplies
 * {@link #newBus(String)} and {@link #operationTimeout()}.
 *
 * <p>Node ids are unique per test, so implementations backed by a shared server need no cleanup between tests. Buses
 * are closed after each test.
 */
@Timeout(60)
public abstract class MessageBusContract {
    private static final Duration WAIT = ConnectionRegistryContract.WAIT;

    private final List<MessageBus> opened = new ArrayList<>();
    private final String prefix = "node-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    /**
     * Returns the bus the node {@code nodeId} uses. Every bus returned during one test must share one backend, as the
     * nodes of one cluster do (an in-memory implementation returns the same instance each time).
     */
    protected abstract MessageBus newBus(String nodeId);

    /** Returns how long the implementation waits for the owner's answer before failing a delivery. */
    protected abstract Duration operationTimeout();

    @AfterEach
    final void closeBuses() {
        opened.forEach(MessageBus::close);
    }

    @Test
    void deliversToTheOwningNodesReceiverOnly() {
        RecordingReceiver a = new RecordingReceiver(Delivery.DELIVERED);
        RecordingReceiver b = new RecordingReceiver(Delivery.DELIVERED);
        MessageBus busA = node("a", a);
        node("b", b);
        MessageBus sender = bus(node("c"));
        String connection = randomConnectionId();

        assertThat(sender.send(node("b"), connection, utf8("hello b"))).succeedsWithin(WAIT)
                .isEqualTo(Delivery.DELIVERED);
        assertThat(busA.send(node("b"), connection, utf8("from a"))).succeedsWithin(WAIT)
                .isEqualTo(Delivery.DELIVERED);

        assertThat(b.texts(connection)).containsExactly("hello b", "from a");
        assertThat(a.events()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void sendReportsTheReceiversOutcome(Delivery outcome) {
        node("b", new RecordingReceiver(outcome));
        MessageBus sender = bus(node("a"));
        assertThat(sender.send(node("b"), randomConnectionId(), utf8("x"))).succeedsWithin(WAIT).isEqualTo(outcome);
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void disconnectReportsTheReceiversOutcome(Delivery outcome) {
        node("b", new RecordingReceiver(outcome));
        MessageBus sender = bus(node("a"));
        assertThat(sender.disconnect(node("b"), randomConnectionId())).succeedsWithin(WAIT).isEqualTo(outcome);
    }

    @Test
    void disconnectReachesTheOwnerForThatConnection() {
        RecordingReceiver b = new RecordingReceiver(Delivery.DELIVERED);
        node("b", b);
        String connection = randomConnectionId();
        assertThat(bus(node("a")).disconnect(node("b"), connection)).succeedsWithin(WAIT)
                .isEqualTo(Delivery.DELIVERED);
        assertThat(b.events()).containsExactly(new Event(connection, RecordingReceiver.DISCONNECT));
    }

    @Test
    void sendManyDeliversToEachIdOnTheOwnerAndAnswersPerIdInOrder() {
        RecordingReceiver b = new RecordingReceiver(Delivery.DELIVERED);
        MessageBus.Receiver mixed = new MessageBus.Receiver() {
            @Override
            public Delivery send(String connectionId, byte[] data) {
                return connectionId.startsWith("gone") ? Delivery.GONE : b.send(connectionId, data);
            }

            @Override
            public Delivery disconnect(String connectionId) {
                return b.disconnect(connectionId);
            }
        };
        node("b", mixed);
        List<String> ids = List.of(randomConnectionId(), "gone-" + randomConnectionId(), randomConnectionId());

        assertThat(bus(node("a")).sendMany(node("b"), ids, utf8("to many"))).succeedsWithin(WAIT)
                .isEqualTo(List.of(Delivery.DELIVERED, Delivery.GONE, Delivery.DELIVERED));

        assertThat(b.texts(ids.get(0))).containsExactly("to many");
        assertThat(b.texts(ids.get(2))).containsExactly("to many");
        assertThat(b.events()).hasSize(2);
    }

    @Test
    void carriesBinaryAndLargePayloadsUnchanged() {
        RecordingReceiver b = new RecordingReceiver(Delivery.DELIVERED);
        node("b", b);
        MessageBus sender = bus(node("a"));
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] large = new byte[128 * 1024];
        new Random(42).nextBytes(large);
        String connection = randomConnectionId();
        await(sender.send(node("b"), connection, everyByte));
        await(sender.send(node("b"), connection, large));
        await(sender.send(node("b"), connection, new byte[0]));
        assertThat(b.payloads(connection)).containsExactly(everyByte, large, new byte[0]);
    }

    @Test
    void keepsTheOrderOfOneThousandMessagesToOneConnection() {
        RecordingReceiver b = new RecordingReceiver(Delivery.DELIVERED);
        node("b", b);
        MessageBus sender = bus(node("a"));
        String connection = randomConnectionId();
        List<CompletableFuture<Delivery>> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sent.add(sender.send(node("b"), connection, utf8(Integer.toString(i))).toCompletableFuture());
        }
        sent.add(sender.disconnect(node("b"), connection).toCompletableFuture());
        assertThat(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
                .succeedsWithin(WAIT.multipliedBy(2));
        assertThat(sent).allSatisfy(f -> assertThat(f.join()).isEqualTo(Delivery.DELIVERED));

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            expected.add(Integer.toString(i));
        }
        expected.add(RecordingReceiver.DISCONNECT);
        assertThat(b.texts(connection)).containsExactlyElementsOf(expected);
    }

    @Test
    void keepsOrderPerConnectionWhenSeveralNodesSendToSeveralConnections() {
        RecordingReceiver owner = new RecordingReceiver(Delivery.DELIVERED);
        node("owner", owner);
        List<MessageBus> senders = List.of(bus(node("s1")), bus(node("s2")), bus(node("s3")));
        List<String> connections = List.of(randomConnectionId(), randomConnectionId(), randomConnectionId());
        List<CompletableFuture<Delivery>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (int s = 0; s < senders.size(); s++) {
                for (String connection : connections) {
                    sent.add(senders.get(s).send(node("owner"), connection, utf8(s + ":" + i)).toCompletableFuture());
                }
            }
        }
        assertThat(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        for (String connection : connections) {
            List<String> texts = owner.texts(connection);
            assertThat(texts).hasSize(150);
            for (int s = 0; s < senders.size(); s++) {
                String from = s + ":";
                List<String> mine = texts.stream().filter(t -> t.startsWith(from)).toList();
                assertThat(mine).as("messages from sender %s to %s", s, connection)
                        .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> from + i)
                                .toList());
            }
        }
    }

    @Test
    void sendToNodeWithoutSubscriberNeverReportsDelivered() {
        MessageBus sender = bus(node("a"));
        long start = System.nanoTime();
        Delivery send = outcomeOrNull(sender.send(node("nobody"), randomConnectionId(), utf8("lost?")));
        Delivery disconnect = outcomeOrNull(sender.disconnect(node("nobody"), randomConnectionId()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(send).as("send to a node without subscriber").isNotEqualTo(Delivery.DELIVERED);
        assertThat(disconnect).as("disconnect on a node without subscriber").isNotEqualTo(Delivery.DELIVERED);
        assertThat(took).isLessThanOrEqualTo(operationTimeout().multipliedBy(2).plus(Duration.ofSeconds(2)));
    }

    /** Returns this test's id for node {@code name}; node ids are unique per test. */
    protected final String node(String name) {
        return prefix + name;
    }

    private MessageBus node(String name, MessageBus.Receiver receiver) {
        MessageBus bus = bus(node(name));
        bus.subscribe(node(name), receiver);
        return bus;
    }

    private MessageBus bus(String nodeId) {
        MessageBus bus = newBus(nodeId);
        opened.add(bus);
        return bus;
    }

    /** Returns the outcome, or null when the stage failed; fails the test if it neither completes nor fails in time. */
    private Delivery outcomeOrNull(CompletionStage<Delivery> stage) {
        long limit = operationTimeout().plus(Duration.ofSeconds(2)).toMillis();
        try {
            return stage.toCompletableFuture().get(limit, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return null;
        } catch (TimeoutException e) {
            throw new AssertionError("the delivery neither completed nor failed within " + limit + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One operation a receiver got. */
    record Event(String connectionId, String text) {}

    /** Records what it receives, per connection, and answers with a fixed outcome. Thread-safe. */
    static final class RecordingReceiver implements MessageBus.Receiver {
        static final String DISCONNECT = "<disconnect>";

        private final Delivery outcome;
        private final List<Event> events = new ArrayList<>();
        private final Map<String, List<byte[]>> payloads = new ConcurrentHashMap<>();

        RecordingReceiver(Delivery outcome) {
            this.outcome = outcome;
        }

        @Override
        public synchronized Delivery send(String connectionId, byte[] data) {
            events.add(new Event(connectionId, new String(data, StandardCharsets.UTF_8)));
            payloads.computeIfAbsent(connectionId, k -> new ArrayList<>()).add(data.clone());
            return outcome;
        }

        @Override
        public synchronized Delivery disconnect(String connectionId) {
            events.add(new Event(connectionId, DISCONNECT));
            return outcome;
        }

        synchronized List<Event> events() {
            return List.copyOf(events);
        }

        synchronized List<String> texts(String connectionId) {
            return events.stream().filter(e -> e.connectionId().equals(connectionId)).map(Event::text).toList();
        }

        synchronized List<byte[]> payloads(String connectionId) {
            return List.copyOf(payloads.getOrDefault(connectionId, List.of()));
        }
    }
}
