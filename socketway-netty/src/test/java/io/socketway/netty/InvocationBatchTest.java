package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.core.BatchingSettings;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invocation batches on real sockets: messages that queue behind a running invocation for a batching route reach one
 * invocation (in order, up to the route's maximum, never across another route), and each invocation answers once.
 */
@Timeout(60)
class InvocationBatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<JsonNode> batchEvents = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> otherEvents = java.util.Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private volatile boolean failBatches;
    private GatewayServer server;
    private WebSocket socket;

    private void start(BatchingSettings batching) {
        TestRuntime runtime = new TestRuntime()
                .handler("batched", e -> {
                    batchEvents.add(e);
                    firstStarted.countDown();
                    await(release);
                    if (failBatches && e.has("socketwayBatch")) {
                        throw new IllegalStateException("batch refused");
                    }
                    return Map.of("body", "bodies=" + bodies(e));
                })
                .handler("other", e -> {
                    otherEvents.add(e);
                    return Map.of("body", "other:" + e.get("body").asText());
                });
        GatewaySettings settings = GatewaySettings.defaults().withPort(0).withBatching(batching)
                .withDrainTimeout(Duration.ofSeconds(2));
        Gateway gateway = Gateway.builder(TestApi.create()
                .route("batched", "batched", true, Duration.ofSeconds(20), java.util.OptionalInt.empty())
                .route("other", "other", true).build()).settings(settings).functionRuntime(runtime).build();
        server = GatewayServer.start(gateway);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/dev"), new Collector())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (socket != null) {
            socket.abort();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void messagesQueuedBehindAnInvocationGoToOneInvocationUpToTheMaximumAndNeverAcrossRoutes() throws Exception {
        start(BatchingSettings.OFF.withInvocationBatches(Map.of("batched", 3)));
        send("batched", "m0");
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (String[] m : new String[][] {{"batched", "m1"}, {"batched", "m2"}, {"batched", "m3"}, {"batched", "m4"},
                {"other", "x"}, {"batched", "m5"}}) {
            send(m[0], m[1]);
        }
        awaitQueued();
        release.countDown();
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(next());
        }
        assertThat(replies).containsExactly("bodies=[m0]", "bodies=[m1, m2, m3]", "bodies=[m4]",
                "other:{\"action\":\"other\",\"text\":\"x\"}", "bodies=[m5]");
        JsonNode batch = batchEvents.get(1);
        assertThat(batch.at("/body").asText()).isEqualTo("{\"action\":\"batched\",\"text\":\"m1\"}");
        assertThat(batch.at("/requestContext/messageId").asText())
                .isEqualTo(batch.at("/socketwayBatch/0/messageId").asText());
        assertThat(batch.at("/socketwayBatch/1/messageId").asText())
                .isNotEqualTo(batch.at("/socketwayBatch/0/messageId").asText());
        assertThat(batch.at("/socketwayBatch/2/isBase64Encoded").asBoolean(true)).isFalse();
        assertThat(batchEvents.get(0).has("socketwayBatch")).as("a message alone has the AWS shape").isFalse();
        assertThat(otherEvents.get(0).has("socketwayBatch")).isFalse();
    }

    @Test
    void aFailedBatchIsAnsweredWithOneErrorFrame() throws Exception {
        failBatches = true;
        start(BatchingSettings.OFF.withInvocationBatches(Map.of("batched", 8)));
        send("batched", "m0");
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        send("batched", "m1");
        send("batched", "m2");
        awaitQueued();
        release.countDown();
        assertThat(next()).isEqualTo("bodies=[m0]");
        assertThat(next()).contains("\"message\": \"Internal server error\"");
        send("batched", "m3");
        assertThat(next()).as("one error frame for the batch of two").isEqualTo("bodies=[m3]");
        assertThat(batchEvents).hasSize(3);
    }

    @Test
    void routesWithoutABatchGetOneMessagePerInvocation() throws Exception {
        start(BatchingSettings.OFF);
        send("batched", "m0");
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        send("batched", "m1");
        send("batched", "m2");
        awaitQueued();
        release.countDown();
        assertThat(List.of(next(), next(), next())).containsExactly("bodies=[m0]", "bodies=[m1]", "bodies=[m2]");
        assertThat(batchEvents).noneMatch(e -> e.has("socketwayBatch"));
    }

    private void send(String action, String text) {
        socket.sendText("{\"action\":\"" + action + "\",\"text\":\"" + text + "\"}", true).join();
    }

    /** A pong comes back once the server has read (and so queued) every message sent before the ping. */
    private void awaitQueued() throws InterruptedException {
        socket.sendPing(ByteBuffer.wrap(new byte[] {9})).join();
        assertThat(pongs.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
    }

    private String next() throws InterruptedException {
        String text = texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text).as("a reply within %s", WAIT).isNotNull();
        return text;
    }

    private static List<String> bodies(JsonNode event) {
        JsonNode batch = event.get("socketwayBatch");
        if (batch == null) {
            return List.of(text(event.get("body").asText()));
        }
        return StreamSupport.stream(batch.spliterator(), false).map(m -> text(m.get("body").asText())).toList();
    }

    private static String text(String body) {
        try {
            return TestRuntime.JSON.readTree(body).get("text").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(message);
            ws.request(1);
            return null;
        }
    }
}
