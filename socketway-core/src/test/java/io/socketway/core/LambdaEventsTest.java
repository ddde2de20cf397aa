package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.util.AbstractMap.SimpleEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares the events with golden files built from spec Appendix A (captured AWS events). Values that are random or
 * time-dependent are replaced by fixed ones; everything else, including field names, nesting and types, must match.
 */
class LambdaEventsTest {
    private static final long CONNECTED_AT = 1708326702789L;
    private static final long NOW = 1708326702790L;
    private final LambdaEvents events = new LambdaEvents("abcd123xyz", Map.of());
    private final Connection connection = new Connection("TXzPWdnOjoECGjA=", "prod", CONNECTED_AT, "192.0.2.1",
            "Mozilla/5.0", "abcd123xyz.execute-api.us-east-1.amazonaws.com", Map.of());

    /**
     * Every CONNECT carries an X-Ray trace header of AWS's shape. Built from a request id with its punctuation
     * removed, it once came out too short about once in a thousand connects, and the handshake failed with 502.
     */
    @Test
    void everyTraceHeaderHasAwsShape() {
        long now = System.currentTimeMillis();
        String second = Long.toHexString(now / 1000);
        for (int i = 0; i < 100_000; i++) {
            assertThat(LambdaEvents.traceId(now)).matches("Root=1-" + second + "-[0-9a-f]{24}");
        }
    }

    @Test
    void connectEventMatchesAws() throws Exception {
        HandshakeRequest handshake = new HandshakeRequest("prod", List.of(
                        new SimpleEntry<>("Host", "abcd123xyz.execute-api.us-east-1.amazonaws.com"),
                        new SimpleEntry<>("Connection", "Upgrade"),
                        new SimpleEntry<>("Upgrade", "websocket"),
                        new SimpleEntry<>("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                        new SimpleEntry<>("Sec-WebSocket-Version", "13"),
                        new SimpleEntry<>("User-Agent", "Mozilla/5.0")),
                Map.of("token", List.of("x")), "192.0.2.1", "abcd123xyz.execute-api.us-east-1.amazonaws.com", 443,
                true);
        JsonNode event = Json.MAPPER.readTree(events.connect(connection, "TXzPWFkkjoEF92g=", NOW, handshake).json());
        ((ObjectNode) event.get("headers")).put("X-Amzn-Trace-Id", "Root=1-fixed");
        ((ObjectNode) event.get("multiValueHeaders")).putArray("X-Amzn-Trace-Id").add("Root=1-fixed");
        assertThat(event).isEqualTo(golden("connect.json"));
    }

    @Test
    void messageEventMatchesAws() throws Exception {
        JsonNode event = Json.MAPPER.readTree(events.message(
                connection, "$default", "RsI83cCDIE0CIqg=", "RsI83FhYIE0FvxQ=", NOW, "__ping__", false).json());
        assertThat(event).isEqualTo(golden("message.json"));
    }

    @Test
    void disconnectEventMatchesAws() throws Exception {
        JsonNode event = Json.MAPPER.readTree(events.disconnect(connection, "TXzPWFkkjoEF92g=", NOW,
                CloseReason.NO_STATUS).json());
        assertThat(event).isEqualTo(golden("disconnect.json"));
    }

    /**
     * An in-process function gets the tree instead of the JSON: it must hold exactly the values a handler reading the
     * JSON into a map would see (same keys in the same order, {@code Integer} and {@code Long} where Jackson reads
     * them), and be its own copy.
     */
    @Test
    @SuppressWarnings("unchecked")
    void treeIsWhatTheJsonReadsBackAs() throws Exception {
        Map<String, Object> authorizer = new LinkedHashMap<>();
        authorizer.put("principalId", "user123");
        authorizer.put("scopes", List.of("a", "b"));
        authorizer.put("count", 3);
        Connection c = new Connection("TXzPWdnOjoECGjA=", "prod", CONNECTED_AT, "192.0.2.1", "agent", "h", authorizer);
        LambdaEvents withVars = new LambdaEvents("abcd123xyz", Map.of("prod", Map.of("env", "p")));
        HandshakeRequest handshake = new HandshakeRequest("prod", List.of(new SimpleEntry<>("Host", "h"),
                new SimpleEntry<>("X-Twice", "1"), new SimpleEntry<>("X-Twice", "2")),
                Map.of("q", List.of("1", "2")), "192.0.2.1", "h", 443, false);
        for (LambdaEvent event : List.of(
                withVars.message(c, "$default", "m", "r", NOW, "{\"a\":1}", false),
                withVars.connect(c, "r", NOW, handshake),
                withVars.disconnect(c, "r", NOW, CloseReason.NO_STATUS),
                withVars.authorizer(c, "r", handshake, "arn:aws:execute-api:us-east-1:1:abc/prod/$connect"))) {
            Map<String, Object> tree = event.tree();
            Object read = Json.MAPPER.readValue(event.json(), Object.class);
            assertThat(tree).isEqualTo(read);
            assertThat(Json.write(tree)).isEqualTo(Json.write(read));
            assertThat(event.tree()).isNotSameAs(tree);
        }
        Map<?, ?> context = (Map<?, ?>) withVars.disconnect(c, "r", NOW, CloseReason.NO_STATUS).tree()
                .get("requestContext");
        assertThat(context.get("disconnectStatusCode")).isInstanceOf(Integer.class);
        assertThat(context.get("connectedAt")).isInstanceOf(Long.class);
        ((Map<String, Object>) context.get("authorizer")).put("changed", true);
        assertThat(c.authorizer()).doesNotContainKey("changed");
    }

    @Test
    void carriesStageVariablesAndAuthorizer() throws Exception {
        Map<String, Object> authorizer = new LinkedHashMap<>();
        authorizer.put("principalId", "user123");
        Connection c = new Connection("TXzPWdnOjoECGjA=", "prod", CONNECTED_AT, "192.0.2.1", null, "h", authorizer);
        LambdaEvents withVars = new LambdaEvents("abcd123xyz", Map.of("prod", Map.of("env", "p")));
        JsonNode event = Json.MAPPER.readTree(withVars.message(c, "x", "m", "r", NOW, "b", false).json());
        assertThat(event.at("/stageVariables/env").asText()).isEqualTo("p");
        assertThat(event.at("/requestContext/authorizer/principalId").asText()).isEqualTo("user123");
        assertThat(event.at("/requestContext/identity").has("userAgent")).isFalse();
    }

    @Test
    void requestTimeIsClf() {
        assertThat(LambdaEvents.clfTime(1708326702789L)).isEqualTo("19/Feb/2024:07:11:42 +0000");
        assertThat(LambdaEvents.clfTime(0L)).isEqualTo("01/Jan/1970:00:00:00 +0000");
        assertThat(LambdaEvents.clfTime(1735689599999L)).isEqualTo("31/Dec/2024:23:59:59 +0000");
    }

    @Test
    void requestTimeMatchesTheJdkFormatterInEveryMonthWhateverTheDefaultLocale() {
        java.time.format.DateTimeFormatter jdk = java.time.format.DateTimeFormatter
                .ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", java.util.Locale.US).withZone(java.time.ZoneOffset.UTC);
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.GERMANY); // "Mär", "Dez" in German: CLF is English
        try {
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            for (int i = 0; i < 2_000; i++) {
                long millis = random.nextLong(0, 4_102_444_800_000L); // 1970 to 2100
                assertThat(LambdaEvents.clfTime(millis))
                        .isEqualTo(jdk.format(java.time.Instant.ofEpochMilli(millis)));
            }
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    private static JsonNode golden(String name) throws Exception {
        try (InputStream in = LambdaEventsTest.class.getResourceAsStream("/events/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
