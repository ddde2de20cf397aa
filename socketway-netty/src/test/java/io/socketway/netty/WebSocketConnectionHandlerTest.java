package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.core.CloseReason;
import io.socketway.core.ConnectResult;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.HandshakeRequest;
import io.socketway.core.Limits;
import io.socketway.core.LocalEndpoint;
import io.socketway.core.BatchingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The frame handler in isolation, on an {@link EmbeddedChannel}: no socket, a real gateway behind it. */
class WebSocketConnectionHandlerTest {
    private TestRuntime runtime;
    private Gateway gateway;
    private EmbeddedChannel channel;
    private WebSocketConnectionHandler handler;

    @BeforeEach
    void setUp() {
        open(BatchingSettings.OFF);
    }

    private void open(BatchingSettings batching) {
        if (channel != null) {
            tearDown();
        }
        runtime = new TestRuntime()
                .handler("echo", e -> Map.of("body", "re:" + e.get("body").asText()))
                .handler("disconnect", e -> Map.of());
        gateway = Gateway.builder(TestApi.create().route("echo", "echo", true)
                .route("$disconnect", "disconnect", false).build()).functionRuntime(runtime)
                .settings(GatewaySettings.defaults().withBatching(batching)).build();
        gateway.start(new LocalEndpoint("127.0.0.1", 1, false));
        HandshakeRequest handshake = new HandshakeRequest("dev", List.of(), Map.of(), "127.0.0.1", "h", 1, false);
        var connection = ((ConnectResult.Accepted) gateway.connect(handshake).toCompletableFuture().join()).connection();
        Limits limits = Limits.DEFAULT.withSizes(1024, 1024).withOutboundBufferBytes(2048);
        handler = new WebSocketConnectionHandler(gateway, connection, limits,
                new ConnectionTimeouts(Duration.ofMinutes(10)));
        channel = new EmbeddedChannel(handler);
        gateway.opened(connection, handler);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
        gateway.close();
    }

    private Object nextOutbound() {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            channel.runPendingTasks();
            return !channel.outboundMessages().isEmpty();
        });
        return channel.readOutbound();
    }

    @Test
    void repliesOnTwoWayRoutes() {
        channel.writeInbound(new TextWebSocketFrame("{\"action\":\"echo\"}"));
        TextWebSocketFrame reply = (TextWebSocketFrame) nextOutbound();
        assertThat(reply.text()).isEqualTo("re:{\"action\":\"echo\"}");
        reply.release();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void answersForbiddenAndStaysOpenWhenNoRouteMatches() {
        channel.writeInbound(new TextWebSocketFrame("{\"action\":\"unknown\"}"));
        TextWebSocketFrame reply = (TextWebSocketFrame) nextOutbound();
        assertThat(reply.text()).startsWith("{\"message\": \"Forbidden\"");
        reply.release();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void answersPingsWithPongs() {
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7})));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().readByte()).isEqualTo((byte) 7);
        pong.release();
    }

    @Test
    void closesBinaryFramesWith1003() {
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1003);
        close.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closesWith1009WhenTheAggregatorRefusesAMessage() {
        channel.pipeline().fireExceptionCaught(new TooLongFrameException("too long"));
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
    }

    @Test
    void splitsLargeMessagesIntoFramesOfTheFrameLimit() {
        assertThat(handler.send("a".repeat(1500))).isEqualTo(Delivery.DELIVERED);
        channel.runPendingTasks();
        TextWebSocketFrame first = channel.readOutbound();
        ContinuationWebSocketFrame last = channel.readOutbound();
        assertThat(first.isFinalFragment()).isFalse();
        assertThat(first.content().readableBytes()).isEqualTo(1024);
        assertThat(last.isFinalFragment()).isTrue();
        assertThat(last.content().readableBytes()).isEqualTo(476);
        first.release();
        last.release();
    }

    @Test
    void refusesSendsBeyondTheOutboundBufferUntilTheSocketTakesTheBytes() {
        open(BatchingSettings.OFF.withOutbound(Duration.ofSeconds(10), 1000)); // flushes wait: the bytes stay counted
        assertThat(handler.send("a".repeat(1000))).isEqualTo(Delivery.DELIVERED);
        assertThat(handler.send("b".repeat(1000))).isEqualTo(Delivery.DELIVERED);
        assertThat(handler.send("c".repeat(1000))).isEqualTo(Delivery.BUFFER_FULL);
        assertThat((Object) channel.readOutbound()).as("nothing flushed yet").isNull();
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7}))); // a pong flushes
        assertThat(((TextWebSocketFrame) channel.readOutbound()).release()).isTrue();
        assertThat(((TextWebSocketFrame) channel.readOutbound()).release()).isTrue();
        assertThat(((PongWebSocketFrame) channel.readOutbound()).release()).isTrue();
        assertThat(handler.send("d".repeat(1000))).isEqualTo(Delivery.DELIVERED);
    }

    @Test
    void aServerCloseSendsQueuedMessagesFirstAndNothingAfterTheCloseFrame() {
        assertThat(handler.send("queued")).isEqualTo(Delivery.DELIVERED);
        handler.close(CloseReason.DELETED);
        channel.runPendingTasks();
        assertThat(handler.send("too late")).isEqualTo(Delivery.GONE);
        TextWebSocketFrame queued = channel.readOutbound();
        assertThat(queued.text()).isEqualTo("queued");
        queued.release();
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1000);
        close.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void reportsTheClientsCloseCodeToDisconnect() {
        channel.writeInbound(new CloseWebSocketFrame(4001, "done"));
        CloseWebSocketFrame echo = channel.readOutbound();
        assertThat(echo.statusCode()).isEqualTo(4001);
        echo.release();
        channel.runPendingTasks();
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.events("DISCONNECT").size() == 1);
        assertThat(runtime.events("DISCONNECT").get(0).at("/requestContext/disconnectStatusCode").asInt())
                .isEqualTo(4001);
        assertThat(handler.send("late")).isEqualTo(Delivery.GONE);
    }

    @Test
    void serverCloseSendsTheReason() {
        handler.close(CloseReason.DELETED.code(), CloseReason.DELETED.reason());
        channel.runPendingTasks();
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1000);
        assertThat(close.reasonText()).isEqualTo(CloseReason.DELETED.reason());
        close.release();
    }
}
