package io.socketway.core;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Lambda proxy events for {@code CONNECT}, {@code MESSAGE} and {@code DISCONNECT}, field by field in AWS's
 * shape (spec §3 and Appendix A), as {@link LambdaEvent}s: a JSON-shaped tree an in-process function takes as it is,
 * or JSON written at most once for a function called over HTTP.
 *
 * <p>Immutable and thread-safe.
 */
final class LambdaEvents {
    /** The top-level event field carrying an invocation batch (a Socketway extension). */
    static final String BATCH_FIELD = "socketwayBatch";
    /**
     * CLF month names. Written out rather than taken from a {@code DateTimeFormatter} with {@code MMM}: the formatter
     * loads the JDK's locale data on its first use, about 60 ms of a one-core node's first message.
     */
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

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
            cached = new ClfSecond(second, formatClf(second));
            lastClf = cached;
        }
        return cached.text;
    }

    /** Formats {@code dd/MMM/yyyy:HH:mm:ss +0000} in UTC, with English month names whatever the default locale. */
    private static String formatClf(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(26);
        twoDigits(b, t.getDayOfMonth()).append('/').append(MONTHS[t.getMonthValue() - 1]).append('/');
        String year = Integer.toString(t.getYear());
        b.append("0".repeat(Math.max(0, 4 - year.length()))).append(year).append(':');
        twoDigits(b, t.getHour()).append(':');
        twoDigits(b, t.getMinute()).append(':');
        return twoDigits(b, t.getSecond()).append(" +0000").toString();
    }

    private static StringBuilder twoDigits(StringBuilder b, int value) {
        return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The CLF text of one second: events in the same second share it (the format has no finer unit). */
    private record ClfSecond(long second, String text) {}

    /** The last second formatted; racy by design: any thread may replace it, every value is correct. */
    private static volatile ClfSecond lastClf = new ClfSecond(Long.MIN_VALUE, "");

    /** Returns a CONNECT event with the handshake's headers and query string. */
    LambdaEvent connect(Connection c, String requestId, long now, HandshakeRequest handshake) {
        String traceId = traceId(c.connectedAt());
        return new LambdaEvent(() -> {
            Map<String, Object> event = new LinkedHashMap<>();
            putHandshake(event, c, handshake, traceId);
            putStageVariables(event, c.stage());
            event.put("requestContext", context(c, "$connect", "CONNECT", requestId, now, null, null, null));
            event.put("isBase64Encoded", Boolean.FALSE);
            return event;
        });
    }

    /**
     * Returns the input of a {@code REQUEST} authorizer (spec §3.4): {@code type}, {@code methodArn}, the handshake's
     * headers and query string, {@code stageVariables} (always present) and the CONNECT {@code requestContext}.
     */
    LambdaEvent authorizer(Connection c, String requestId, HandshakeRequest handshake, String methodArn) {
        String traceId = traceId(c.connectedAt());
        long now = System.currentTimeMillis();
        return new LambdaEvent(() -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "REQUEST");
            event.put("methodArn", methodArn);
            putHandshake(event, c, handshake, traceId);
            event.put("stageVariables", new LinkedHashMap<>(stageVariables.getOrDefault(c.stage(), Map.of())));
            event.put("requestContext", context(c, "$connect", "CONNECT", requestId, now, null, null, null));
            return event;
        });
    }

    private static void putHandshake(Map<String, Object> event, Connection c, HandshakeRequest handshake,
            String traceId) {
        putHeaders(event, connectHeaders(handshake, c, traceId));
        if (!handshake.query().isEmpty()) {
            Map<String, Object> last = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> q : handshake.query().entrySet()) {
                last.put(q.getKey(), q.getValue().get(q.getValue().size() - 1));
            }
            event.put("queryStringParameters", last);
            event.put("multiValueQueryStringParameters", multi(handshake.query()));
        }
    }

    /** Returns a MESSAGE event for a text (or base64-encoded binary) body. */
    LambdaEvent message(Connection c, String routeKey, String messageId, String requestId, long now, String body,
            boolean base64) {
        return new LambdaEvent(() -> {
            Map<String, Object> event = new LinkedHashMap<>();
            putStageVariables(event, c.stage());
            event.put("requestContext", context(c, routeKey, "MESSAGE", requestId, now, messageId, null, null));
            event.put("body", body);
            event.put("isBase64Encoded", base64);
            return event;
        });
    }

    /**
     * Returns the MESSAGE event of an invocation batch (a Socketway extension): the usual event of the first message,
     * plus {@code socketwayBatch}, every message of the batch in arrival order (the first included), each with its
     * own {@code messageId}, {@code body} and {@code isBase64Encoded}.
     */
    LambdaEvent messageBatch(Connection c, String routeKey, String messageId, String requestId, long now,
            List<QueuedMessage> batch) {
        QueuedMessage first = batch.get(0);
        List<String> messageIds = new ArrayList<>(batch.size());
        messageIds.add(messageId);
        for (int i = 1; i < batch.size(); i++) {
            messageIds.add(Ids.requestId());
        }
        return new LambdaEvent(() -> {
            Map<String, Object> event = new LinkedHashMap<>();
            putStageVariables(event, c.stage());
            event.put("requestContext", context(c, routeKey, "MESSAGE", requestId, now, messageId, null, null));
            event.put("body", first.body());
            event.put("isBase64Encoded", first.binary());
            List<Object> messages = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                QueuedMessage m = batch.get(i);
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("messageId", messageIds.get(i));
                item.put("body", m.body());
                item.put("isBase64Encoded", m.binary());
                messages.add(item);
            }
            event.put(BATCH_FIELD, messages);
            return event;
        });
    }

    /** Returns a DISCONNECT event with AWS's synthetic headers and the close code and reason. */
    LambdaEvent disconnect(Connection c, String requestId, long now, CloseReason reason) {
        return new LambdaEvent(() -> {
            Map<String, Object> event = new LinkedHashMap<>();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Host", List.of(c.domainName()));
            headers.put("x-api-key", List.of(""));
            headers.put("X-Forwarded-For", List.of(""));
            headers.put("x-restapi", List.of(""));
            putHeaders(event, headers);
            putStageVariables(event, c.stage());
            event.put("requestContext", context(c, "$disconnect", "DISCONNECT", requestId, now, null, reason.code(),
                    reason.reason()));
            event.put("isBase64Encoded", Boolean.FALSE);
            return event;
        });
    }

    private static Map<String, List<String>> connectHeaders(HandshakeRequest handshake, Connection c,
            String traceId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : handshake.headers()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("upgrade")) {
                continue;
            }
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(h.getValue());
        }
        headers.putIfAbsent("X-Amzn-Trace-Id", List.of(traceId));
        // The transport normally sets these as AWS's edge does (ClientAddresses in socketway-netty); a request
        // without them gets the connection's own values.
        putIfAbsentIgnoringCase(headers, "X-Forwarded-For", c.sourceIp());
        putIfAbsentIgnoringCase(headers, "X-Forwarded-Port", Integer.toString(handshake.localPort()));
        putIfAbsentIgnoringCase(headers, "X-Forwarded-Proto", handshake.secure() ? "https" : "http");
        return headers;
    }

    private static void putIfAbsentIgnoringCase(Map<String, List<String>> headers, String name, String value) {
        for (String present : headers.keySet()) {
            if (present.equalsIgnoreCase(name)) {
                return;
            }
        }
        headers.put(name, List.of(value));
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

    private static void putHeaders(Map<String, Object> event, Map<String, List<String>> headers) {
        Map<String, Object> last = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            last.put(h.getKey(), h.getValue().get(h.getValue().size() - 1));
        }
        event.put("headers", last);
        event.put("multiValueHeaders", multi(headers));
    }

    private static Map<String, Object> multi(Map<String, List<String>> values) {
        Map<String, Object> multi = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            multi.put(e.getKey(), new ArrayList<Object>(e.getValue()));
        }
        return multi;
    }

    private void putStageVariables(Map<String, Object> event, String stage) {
        Map<String, String> vars = stageVariables.getOrDefault(stage, Map.of());
        if (!vars.isEmpty()) {
            event.put("stageVariables", new LinkedHashMap<String, Object>(vars));
        }
    }

    private Map<String, Object> context(Connection c, String routeKey, String eventType, String requestId, long now,
            @Nullable String messageId, @Nullable Integer closeCode, @Nullable String closeReason) {
        Map<String, Object> context = new LinkedHashMap<>(32);
        context.put("routeKey", routeKey);
        if (messageId != null) {
            context.put("messageId", messageId);
        }
        if (closeCode != null) {
            context.put("disconnectStatusCode", closeCode);
        }
        context.put("eventType", eventType);
        context.put("extendedRequestId", requestId);
        context.put("requestTime", clfTime(now));
        context.put("messageDirection", "IN");
        if (closeReason != null) {
            context.put("disconnectReason", closeReason);
        }
        context.put("stage", c.stage());
        context.put("connectedAt", c.connectedAt());
        context.put("requestTimeEpoch", now);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.putAll(c.identity());
        if (c.userAgent() != null) {
            identity.put("userAgent", c.userAgent());
        }
        identity.put("sourceIp", c.sourceIp());
        context.put("identity", identity);
        context.put("requestId", requestId);
        context.put("domainName", c.domainName());
        context.put("connectionId", c.id());
        context.put("apiId", apiId);
        if (!c.authorizer().isEmpty()) {
            context.put("authorizer", Json.copyTree(c.authorizer()));
        }
        return context;
    }
}
