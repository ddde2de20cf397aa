package io.socketway.netty;

import static io.socketway.testing.Envelopes.envelope;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.socketway.api.IntegrationType;
import io.socketway.core.BinaryEnvelope;
import io.socketway.core.Limits;
import io.socketway.testing.Envelopes;
import io.socketway.testing.TestWebSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Binary messages read as a protobuf {@code socketway.v1.Envelope} for route selection (--binary-envelope). */
@Timeout(60)
class BinaryEnvelopeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Limits PROTOBUF = Limits.DEFAULT.withBinaryEnvelope(BinaryEnvelope.PROTOBUF);

    /** Each handler answers with its name and what it received: {@code name:isBase64Encoded:action-in-body}. */
    private static TestRuntime runtime() {
        return new TestRuntime()
                .handler("send", e -> Map.of("body", "send:" + seen(e)))
                .handler("def", e -> Map.of("body", "def:" + seen(e)))
                .handler("bytes", e -> Map.of("body", Base64.getEncoder().encodeToString(new byte[] {0, -1, 2}),
                        "isBase64Encoded", true));
    }

    private static String seen(JsonNode event) throws Exception {
        boolean base64 = event.get("isBase64Encoded").asBoolean();
        if (!base64) {
            return "false:" + event.get("body").asText();
        }
        byte[] original = Base64.getDecoder().decode(event.get("body").asText());
        try {
            return "true:" + new String(Envelopes.parse(original).body(), UTF_8);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return "true:not an envelope";
        }
    }

    private static TestApi api() {
        return TestApi.create().route("send", "send", true).route("bytes", "bytes", true)
                .route("$default", "def", true);
    }

    @Test
    void theActionSelectsTheRouteAndTheFunctionGetsTheWholeEnvelopeBase64() throws Exception {
        TestRuntime rt = runtime();
        byte[] message = envelope("send", "hi".getBytes(UTF_8), Map.of("room", "r1"));
        try (GatewayFixture gw = new GatewayFixture(api(), rt, PROTOBUF); TestWebSocket client = gw.connect()) {
            client.sendBinary(message);
            assertThat(client.next(WAIT)).isEqualTo("send:true:hi");
            JsonNode event = rt.events("MESSAGE").get(0);
            assertThat(event.at("/requestContext/routeKey").asText()).isEqualTo("send");
            assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(message);
            client.send("{\"action\":\"send\"}");
            assertThat(client.next(WAIT)).isEqualTo("send:false:{\"action\":\"send\"}");
        }
    }

    @Test
    void anUnknownActionGoesToDefault() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(api(), runtime(), PROTOBUF); TestWebSocket client = gw.connect()) {
            client.sendBinary(envelope("nope", "x".getBytes(UTF_8)));
            assertThat(client.next(WAIT)).isEqualTo("def:true:x");
        }
    }

    @Test
    void metadataTakesPartInTheSelectionExpression() throws Exception {
        TestApi api = TestApi.create().selection("${request.body.metadata.service}/${request.body.action}")
                .route("chat/send", "send", true).route("$default", "def", true);
        try (GatewayFixture gw = new GatewayFixture(api, runtime(), PROTOBUF); TestWebSocket client = gw.connect()) {
            client.sendBinary(envelope("send", "a".getBytes(UTF_8), Map.of("service", "chat")));
            assertThat(client.next(WAIT)).isEqualTo("send:true:a");
            client.sendBinary(envelope("send", "b".getBytes(UTF_8), Map.of("service", "mail")));
            assertThat(client.next(WAIT)).isEqualTo("def:true:b");
        }
    }

    @Test
    void aMalformedEnvelopeGoesToDefaultAndTheConnectionStaysUsable() throws Exception {
        TestRuntime rt = runtime();
        byte[] truncated = envelope("send", "payload".getBytes(UTF_8));
        truncated = java.util.Arrays.copyOf(truncated, truncated.length - 2);
        try (GatewayFixture gw = new GatewayFixture(api(), rt, PROTOBUF);
                TestWebSocket client = gw.connect();
                TestWebSocket other = gw.connect()) {
            client.sendBinary(truncated);
            assertThat(client.next(WAIT)).isEqualTo("def:true:not an envelope");
            assertThat(rt.events("MESSAGE").get(0).get("body").asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(truncated));
            client.sendBinary(envelope("send", "ok".getBytes(UTF_8)));
            assertThat(client.next(WAIT)).isEqualTo("send:true:ok");
            other.sendBinary(envelope("send", "other".getBytes(UTF_8)));
            assertThat(other.next(WAIT)).isEqualTo("send:true:other");
        }
    }

    @Test
    void withoutDefaultAMalformedEnvelopeGetsTheForbiddenFrame() throws Exception {
        TestApi api = TestApi.create().route("send", "send", true);
        try (GatewayFixture gw = new GatewayFixture(api, runtime(), PROTOBUF); TestWebSocket client = gw.connect()) {
            client.sendBinary(new byte[] {0x0f, 0x01});
            JsonNode frame = TestRuntime.JSON.readTree(client.next(WAIT));
            assertThat(frame.get("message").asText()).isEqualTo("Forbidden");
            assertThat(frame.has("connectionId") && frame.has("requestId")).isTrue();
            client.sendBinary(envelope("send", "still open".getBytes(UTF_8)));
            assertThat(client.next(WAIT)).isEqualTo("send:true:still open");
        }
    }

    @Test
    void aBase64ReplyToABinaryMessageIsABinaryFrame() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(api(), runtime(), PROTOBUF); TestWebSocket client = gw.connect()) {
            client.sendBinary(envelope("bytes", new byte[0]));
            assertThat(client.nextBinary(WAIT)).containsExactly(0, -1, 2);
            client.send("{\"action\":\"bytes\"}");
            assertThat(client.next(WAIT)).isEqualTo(new String(new byte[] {0, -1, 2}, UTF_8));
        }
    }

    @Test
    void withTheSettingOffEveryBinaryMessageGoesToDefaultAsBefore() throws Exception {
        Limits plain = Limits.DEFAULT.withBinaryMessages(true);
        try (GatewayFixture gw = new GatewayFixture(api(), runtime(), plain); TestWebSocket client = gw.connect()) {
            client.sendBinary(envelope("send", "x".getBytes(UTF_8)));
            assertThat(client.next(WAIT)).isEqualTo("def:true:x");
        }
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("$default", "bytes", true), runtime(),
                plain); TestWebSocket client = gw.connect()) {
            client.sendBinary(envelope("bytes", new byte[0]));
            assertThat(client.next(WAIT)).isEqualTo(new String(new byte[] {0, -1, 2}, UTF_8));
        }
    }

    @Test
    void anHttpFunctionReceivesTheEnvelopeBase64() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/lambda", exchange -> {
            events.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            byte[] reply = "{\"statusCode\":200,\"body\":\"got it\"}".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        backend.start();
        String url = "http://127.0.0.1:" + backend.getAddress().getPort() + "/lambda";
        byte[] message = envelope("send", new byte[] {9, 8, 7}, Map.of("k", "v"));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .httpRoute("send", IntegrationType.AWS_PROXY, url, true, WAIT), new TestRuntime(), PROTOBUF);
                TestWebSocket client = gw.connect()) {
            client.sendBinary(message);
            assertThat(client.next(WAIT)).isEqualTo("got it");
            JsonNode event = TestRuntime.JSON.readTree(events.get(0));
            assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
            assertThat(event.at("/requestContext/routeKey").asText()).isEqualTo("send");
            Envelopes.Envelope decoded = Envelopes.parse(Base64.getDecoder().decode(event.get("body").asText()));
            assertThat(decoded.body()).containsExactly(9, 8, 7);
            assertThat(decoded.metadata()).containsEntry("k", "v");
        } finally {
            backend.stop(0);
        }
    }
}
