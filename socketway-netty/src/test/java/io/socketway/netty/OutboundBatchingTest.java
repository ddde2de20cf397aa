package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.core.Connection;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.Limits;
import io.socketway.core.ManagementResult;
import io.socketway.core.BatchingSettings;
import io.socketway.testing.TestWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound write path on real sockets: pushes from many threads keep their order, the batching window flushes on
 * time and on count, a close delivers the messages accepted before it, and a full buffer is still refused with 429.
 */
@Timeout(60)
class OutboundBatchingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private GatewayServer server;
    private Gateway gateway;

    private TestWebSocket start(BatchingSettings batching, Limits limits) {
        TestRuntime runtime = new TestRuntime().handler("noop", e -> Map.of());
        GatewaySettings settings = GatewaySettings.defaults().withPort(0).withLimits(limits)
                .withDrainTimeout(Duration.ofSeconds(2)).withBatching(batching);
        gateway = Gateway.builder(TestApi.create().route("noop", "noop", false).build())
                .settings(settings).functionRuntime(runtime).build();
        server = GatewayServer.start(gateway);
        TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev");
        await().atMost(WAIT).until(() -> gateway.connections().size() == 1);
        return client;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String id() {
        return gateway.connections().stream().map(Connection::id).findFirst().orElseThrow();
    }

    private ManagementResult post(String text) {
        return gateway.management().post("dev", id(), text.getBytes(StandardCharsets.UTF_8))
                .toCompletableFuture().join();
    }

    @ParameterizedTest(name = "window {0} ms")
    @ValueSource(ints = {0, 2})
    void pushesFromManyThreadsArriveCompleteAndInOrderPerThread(int windowMillis) throws Exception {
        int threads = 8;
        int perThread = 400;
        try (TestWebSocket client = start(BatchingSettings.OFF.withOutbound(Duration.ofMillis(windowMillis), 16),
                Limits.DEFAULT.withOutboundBufferBytes(16 * 1024 * 1024));
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int n = 0; n < perThread; n++) {
                        assertThat(post(thread + ":" + n)).isEqualTo(ManagementResult.OK);
                    }
                }, pool));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();
            int[] next = new int[threads];
            for (int i = 0; i < threads * perThread; i++) {
                String[] parts = client.next(WAIT).split(":");
                int thread = Integer.parseInt(parts[0]);
                assertThat(Integer.parseInt(parts[1])).as("message of thread %s", thread).isEqualTo(next[thread]);
                next[thread]++;
            }
        }
    }

    @Test
    void windowDelaysTheFlushUntilItEnds() throws Exception {
        Duration window = Duration.ofMillis(300);
        try (TestWebSocket client = start(BatchingSettings.OFF.withOutbound(window, 1000), Limits.DEFAULT)) {
            long started = System.nanoTime();
            assertThat(post("late")).isEqualTo(ManagementResult.OK);
            assertThat(client.next(WAIT)).isEqualTo("late");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(waited).isGreaterThanOrEqualTo(window).isLessThan(window.plus(Duration.ofSeconds(5)));
        }
    }

    @Test
    void reachingTheMessageCountFlushesBeforeTheWindowEnds() throws Exception {
        try (TestWebSocket client = start(BatchingSettings.OFF.withOutbound(Duration.ofSeconds(10), 4), Limits.DEFAULT)) {
            long started = System.nanoTime();
            for (int i = 1; i <= 3; i++) {
                assertThat(post("m" + i)).isEqualTo(ManagementResult.OK);
            }
            assertThat(client.quietFor(Duration.ofMillis(300))).as("three of four messages wait").isTrue();
            assertThat(post("m4")).isEqualTo(ManagementResult.OK);
            for (int i = 1; i <= 4; i++) {
                assertThat(client.next(WAIT)).isEqualTo("m" + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "window {0} ms")
    @ValueSource(ints = {0, 5000})
    void closeDeliversTheMessagesAcceptedBeforeIt(int windowMillis) throws Exception {
        try (TestWebSocket client = start(BatchingSettings.OFF.withOutbound(Duration.ofMillis(windowMillis), 1000),
                Limits.DEFAULT.withOutboundBufferBytes(16 * 1024 * 1024))) {
            int count = 500;
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < count; i++) {
                    assertThat(post("before-close-" + i)).isEqualTo(ManagementResult.OK);
                }
                gateway.management().delete("dev", id()).toCompletableFuture().join();
            }).join();
            for (int i = 0; i < count; i++) {
                assertThat(client.next(WAIT)).isEqualTo("before-close-" + i);
            }
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
        }
    }

    @Test
    void aFullBufferIsStillRefusedWhileTheWindowHoldsTheFlush() throws Exception {
        Limits limits = Limits.DEFAULT.withSizes(1024, 1024).withOutboundBufferBytes(4096);
        try (TestWebSocket client = start(BatchingSettings.OFF.withOutbound(Duration.ofSeconds(3), 1000), limits)) {
            String kilobyte = "k".repeat(1000);
            for (int i = 0; i < 4; i++) {
                assertThat(post(kilobyte)).isEqualTo(ManagementResult.OK);
            }
            assertThat(post(kilobyte)).isEqualTo(ManagementResult.LIMIT_EXCEEDED);
            for (int i = 0; i < 4; i++) {
                assertThat(client.next(WAIT)).isEqualTo(kilobyte);
            }
            await().atMost(WAIT).until(() -> post(kilobyte) == ManagementResult.OK);
        }
    }
}
