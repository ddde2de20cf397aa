package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.api.spi.MessageBus;
import io.socketway.api.spi.MessageBus.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Redis bus adds to the contract: failures stay failures, and one slow connection holds up no other. */
@Timeout(30)
class RedisMessageBusTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final TestEngines engines = new TestEngines(REDIS);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void closeEngines() {
        release.countDown();
        engines.close();
    }

    @Test
    void receiverThatThrowsFailsTheDeliveryRatherThanReportingIt() {
        String owner = owner(new Receiver((c, text) -> {
            throw new IllegalStateException("boom");
        }));
        assertThat(sender().send(owner, "c1", bytes("x"))).failsWithin(WAIT).withThrowableThat()
                .withMessageContaining("receiver failed");
    }

    @Test
    void slowReceiverHoldsUpOnlyItsOwnConnection() {
        String owner = owner(new Receiver(this::blockOnSlow));
        MessageBus sender = sender();
        CompletionStage<Delivery> slow = sender.send(owner, "slow", bytes("first"));
        assertThat(sender.send(owner, "fast", bytes("second"))).succeedsWithin(WAIT).isEqualTo(Delivery.DELIVERED);
        assertThat(slow.toCompletableFuture()).isNotDone();
        release.countDown();
        assertThat(slow).succeedsWithin(WAIT).isEqualTo(Delivery.DELIVERED);
        assertThat(received).containsExactly("fast:second", "slow:first");
    }

    @Test
    void requestThatWaitedPastItsTimeoutIsDroppedNotDelivered() {
        RedisEngine ownerEngine = engines.start(engines.settings(TestEngines.newNodeId("owner"))
                .withOperationTimeout(SHORT_TIMEOUT));
        String owner = ownerEngine.membership().nodeId();
        ownerEngine.bus().subscribe(owner, new Receiver(this::blockOnSlow));
        MessageBus sender = engines.start(engines.settings(TestEngines.newNodeId("sender"))
                .withOperationTimeout(SHORT_TIMEOUT)).bus();

        CompletionStage<Delivery> first = sender.send(owner, "slow", bytes("1"));
        CompletionStage<Delivery> second = sender.send(owner, "slow", bytes("2"));
        assertThat(first).failsWithin(WAIT).withThrowableThat().withRootCauseInstanceOf(TimeoutException.class);
        assertThat(second).failsWithin(WAIT).withThrowableThat().withRootCauseInstanceOf(TimeoutException.class);
        release.countDown();

        assertThat(sender.send(owner, "slow", bytes("3"))).succeedsWithin(WAIT).isEqualTo(Delivery.DELIVERED);
        assertThat(received).as("the second waited longer than its timeout behind the first")
                .containsExactly("slow:1", "slow:3");
    }

    @Test
    void nodeThatClosedItsBusIsUnreachableAtOnce() {
        RedisEngine ownerEngine = engines.start(TestEngines.newNodeId("owner"));
        String owner = ownerEngine.membership().nodeId();
        ownerEngine.bus().subscribe(owner, new Receiver((c, t) -> Delivery.DELIVERED));
        MessageBus sender = sender();
        assertThat(sender.send(owner, "c", bytes("before"))).succeedsWithin(WAIT).isEqualTo(Delivery.DELIVERED);

        ownerEngine.bus().close();

        await().atMost(WAIT).until(() -> sender.send(owner, "c", bytes("after"))
                .handle((delivery, error) -> error != null && error.getMessage().contains("no subscriber"))
                .toCompletableFuture().join());
        assertThat(ownerEngine.bus().send(owner, "c", bytes("x"))).failsWithin(WAIT).withThrowableThat()
                .withMessageContaining("closed");
    }

    private Delivery blockOnSlow(String connectionId, String text) {
        if (connectionId.equals("slow")) {
            awaitRelease();
        }
        received.add(connectionId + ":" + text);
        return Delivery.DELIVERED;
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String owner(Receiver receiver) {
        RedisEngine engine = engines.start(TestEngines.newNodeId("owner"));
        engine.bus().subscribe(engine.membership().nodeId(), receiver);
        return engine.membership().nodeId();
    }

    private MessageBus sender() {
        return engines.start(TestEngines.newNodeId("sender")).bus();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Hands text messages to a function; disconnects count as delivered. */
    private record Receiver(BiFunction<String, String, Delivery> onText)
            implements MessageBus.Receiver {
        @Override
        public Delivery send(String connectionId, byte[] data) {
            return onText.apply(connectionId, new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public Delivery disconnect(String connectionId) {
            return Delivery.DELIVERED;
        }
    }
}
