package io.socketway.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the Lambda proxy events for {@code CONNECT}, {@code MESSAGE} and {@code DISCONNECT} as JSON bytes, field by
 * field in AWS's shape (spec §3 and Appendix A). The bytes are written once per event and shared by every integration.
 *
 * <p>Immutable and thread-safe.
 */
final class LambdaEvents {
    /** The top-level event field carrying an invocation batch (a Socketway extension). */
    static final String BATCH_FIELD = "socketwayBatch";
    private static final JsonFactory JSON = Json.MAPPER.getFactory();
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.US).withZone(ZoneOffset.UTC);

    private final String apiId;
    private final Map<String, Map<String, String>> stageVariables;

    LambdaEvents(String apiId, Map<String, Map<String, String>> stageVariables) {
        this.apiId = apiId;
        this.stageVariables = stageVariables;
    }

    /** Returns the CLF time AWS puts in {@code requestTime}, for example {@code 19/Feb/2024:07:11:42 +0000}. */
    static String clfTime(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        ClfSecond cached = lastClf;
        if (cached.second != second) {
            cached = new ClfSecond(second, CLF.format(Instant.ofEpochSecond(second)));
            lastClf = cached;
        }
        return cached.text;
    }

    /** The CLF text of one second: events in the same second share it (the format has no finer unit). */
    private record ClfSecond(long second, String text) {}

    /** The last second formatted; racy by design: any thread may replace it, every value is correct. */
    private static volatile ClfSecond lastClf = new ClfSecond(Long.MIN_VALUE, "");

    /** Writes a CONNECT event with the handshake's headers and query string. */
    byte[] connect(Connection c, String requestId, long now, HandshakeRequest handshake) {
        return write(g -> {
            writeHandshake(g, c, handshake);
            writeStageVariables(g, c.stage());
            writeContext(g, c, "$connect", "CONNECT", requestId, now, null, null, null);
            g.writeBooleanField("isBase64Encoded", false);
        });
    }

    /**
     * Writes the input of a {@code REQUEST} authorizer (spec §3.4): {@code type}, {@code methodArn}, the handshake's
     * headers and query string, {@code stageVariables} (always present) and the CONNECT {@code requestContext}.
     */
    byte[] authorizer(Connection c, String requestId, HandshakeRequest handshake, String methodArn) {
        return write(g -> {
            g.writeStringField("type", "REQUEST");
            g.writeStringField("methodArn", methodArn);
            writeHandshake(g, c, handshake);
            g.writeObjectFieldStart("stageVariables");
            for (Map.Entry<String, String> v : stageVariables.getOrDefault(c.stage(), Map.of()).entrySet()) {
                g.writeStringField(v.getKey(), v.getValue());
            }
            g.writeEndObject();
            writeContext(g, c, "$connect", "CONNECT", requestId, System.currentTimeMillis(), null, null, null);
        });
    }

    private static void writeHandshake(JsonGenerator g, Connection c, HandshakeRequest handshake) throws IOException {
        writeHeaders(g, connectHeaders(handshake, c));
        if (!handshake.query().isEmpty()) {
            g.writeObjectFieldStart("queryStringParameters");
            for (Map.Entry<String, List<String>> q : handshake.query().entrySet()) {
                g.writeStringField(q.getKey(), q.getValue().get(q.getValue().size() - 1));
            }
            g.writeEndObject();
            writeMulti(g, "multiValueQueryStringParameters", handshake.query());
        }
    }

    /** Writes a MESSAGE event for a text (or base64-encoded binary) body. */
    byte[] message(Connection c, String routeKey, String messageId, String requestId, long now, String body,
            boolean base64) {
        return write(g -> {
            writeStageVariables(g, c.stage());
            writeContext(g, c, routeKey, "MESSAGE", requestId, now, messageId, null, null);
            g.writeStringField("body", body);
            g.writeBooleanField("isBase64Encoded", base64);
        });
    }

    /**
     * Writes the MESSAGE event of an invocation batch (a Socketway extension): the usual event of the first message,
     * plus {@code socketwayBatch}, every message of the batch in arrival order (the first included), each with its
     * own {@code messageId}, {@code body} and {@code isBase64Encoded}.
     */
    byte[] messageBatch(Connection c, String routeKey, String messageId, String requestId, long now,
            List<QueuedMessage> batch) {
        QueuedMessage first = batch.get(0);
        return write(g -> {
            writeStageVariables(g, c.stage());
            writeContext(g, c, routeKey, "MESSAGE", requestId, now, messageId, null, null);
            g.writeStringField("body", first.body());
            g.writeBooleanField("isBase64Encoded", first.binary());
            g.writeArrayFieldStart(BATCH_FIELD);
            for (int i = 0; i < batch.size(); i++) {
                QueuedMessage m = batch.get(i);
                g.writeStartObject();
                g.writeStringField("messageId", i == 0 ? messageId : Ids.requestId());
                g.writeStringField("body", m.body());
                g.writeBooleanField("isBase64Encoded", m.binary());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** Writes a DISCONNECT event with AWS's synthetic headers and the close code and reason. */
    byte[] disconnect(Connection c, String requestId, long now, CloseReason reason) {
        return write(g -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Host", List.of(c.domainName()));
            headers.put("x-api-key", List.of(""));
            headers.put("X-Forwarded-For", List.of(""));
            headers.put("x-restapi", List.of(""));
            writeHeaders(g, headers);
            writeStageVariables(g, c.stage());
            writeContext(g, c, "$disconnect", "DISCONNECT", requestId, now, null, reason.code(), reason.reason());
            g.writeBooleanField("isBase64Encoded", false);
        });
    }

    private static Map<String, List<String>> connectHeaders(HandshakeRequest handshake, Connection c) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : handshake.headers()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("upgrade")) {
                continue;
            }
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(h.getValue());
        }
        headers.putIfAbsent("X-Amzn-Trace-Id", List.of(traceId(c.connectedAt())));
        headers.putIfAbsent("X-Forwarded-For", List.of(c.sourceIp()));
        headers.putIfAbsent("X-Forwarded-Port", List.of(Integer.toString(handshake.localPort())));
        headers.putIfAbsent("X-Forwarded-Proto", List.of(handshake.secure() ? "https" : "http"));
        return headers;
    }

    /**
     * Returns an X-Ray trace header: {@code Root=1-} eight hex digits of the epoch second, {@code -} and 24 random hex
     * digits (96 bits). Not a secret, so a fast random source does.
     */
    static String traceId(long epochMillis) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        java.util.HexFormat hex = java.util.HexFormat.of();
        return "Root=1-" + hex.toHexDigits((int) (epochMillis / 1000)) + "-" + hex.toHexDigits(random.nextLong())
                + hex.toHexDigits(random.nextInt());
    }

    private static void writeHeaders(JsonGenerator g, Map<String, List<String>> headers) throws IOException {
        g.writeObjectFieldStart("headers");
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            g.writeStringField(h.getKey(), h.getValue().get(h.getValue().size() - 1));
        }
        g.writeEndObject();
        writeMulti(g, "multiValueHeaders", headers);
    }

    private static void writeMulti(JsonGenerator g, String field, Map<String, List<String>> values) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void writeStageVariables(JsonGenerator g, String stage) throws IOException {
        Map<String, String> vars = stageVariables.getOrDefault(stage, Map.of());
        if (!vars.isEmpty()) {
            g.writeObjectFieldStart("stageVariables");
            for (Map.Entry<String, String> v : vars.entrySet()) {
                g.writeStringField(v.getKey(), v.getValue());
            }
            g.writeEndObject();
        }
    }

    private void writeContext(JsonGenerator g, Connection c, String routeKey, String eventType, String requestId,
            long now, @Nullable String messageId, @Nullable Integer closeCode, @Nullable String closeReason)
            throws IOException {
        g.writeObjectFieldStart("requestContext");
        g.writeStringField("routeKey", routeKey);
        if (messageId != null) {
            g.writeStringField("messageId", messageId);
        }
        if (closeCode != null) {
            g.writeNumberField("disconnectStatusCode", closeCode);
        }
        g.writeStringField("eventType", eventType);
        g.writeStringField("extendedRequestId", requestId);
        g.writeStringField("requestTime", clfTime(now));
        g.writeStringField("messageDirection", "IN");
        if (closeReason != null) {
            g.writeStringField("disconnectReason", closeReason);
        }
        g.writeStringField("stage", c.stage());
        g.writeNumberField("connectedAt", c.connectedAt());
        g.writeNumberField("requestTimeEpoch", now);
        g.writeObjectFieldStart("identity");
        for (Map.Entry<String, String> extra : c.identity().entrySet()) {
            g.writeStringField(extra.getKey(), extra.getValue());
        }
        if (c.userAgent() != null) {
            g.writeStringField("userAgent", c.userAgent());
        }
        g.writeStringField("sourceIp", c.sourceIp());
        g.writeEndObject();
        g.writeStringField("requestId", requestId);
        g.writeStringField("domainName", c.domainName());
        g.writeStringField("connectionId", c.id());
        g.writeStringField("apiId", apiId);
        if (!c.authorizer().isEmpty()) {
            g.writeObjectField("authorizer", c.authorizer());
        }
        g.writeEndObject();
    }

    private static byte[] write(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512); JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
