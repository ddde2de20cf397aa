package io.socketway.core;

import io.socketway.api.spi.AccessLogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stage's access-log format compiled once into literal text and {@code $context} variables, as AWS renders it: a
 * variable that does not apply to the request, or that Socketway does not know, renders as {@code -}. In a JSON format
 * (one that starts with <code>{</code>) values are escaped for JSON strings; in every format control characters are
 * escaped, so one request is always one line.
 *
 * <p>Immutable and thread-safe.
 */
final class AccessLogFormat {
    private static final Pattern VARIABLE = Pattern.compile("\\$context\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)");
    private static final String ABSENT = "-";

    private final List<Segment> segments;
    private final boolean json;
    private final int sizeHint;

    private AccessLogFormat(List<Segment> segments, boolean json, int sizeHint) {
        this.segments = segments;
        this.json = json;
        this.sizeHint = sizeHint;
    }

    /** Compiles {@code format}; never fails: text that is not a variable is copied as is. */
    static AccessLogFormat compile(String format) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = VARIABLE.matcher(format);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                segments.add(new Segment(format.substring(at, m.start()), null));
            }
            segments.add(new Segment("", variable(m.group(1))));
            at = m.end();
        }
        if (at < format.length()) {
            segments.add(new Segment(format.substring(at), null));
        }
        return new AccessLogFormat(List.copyOf(segments), format.stripLeading().startsWith("{"),
                format.length() + 64);
    }

    /** Returns the line for {@code entry}, without a line terminator. */
    String format(AccessLogEntry entry) {
        StringBuilder line = new StringBuilder(sizeHint);
        for (Segment s : segments) {
            if (s.value == null) {
                line.append(s.text);
            } else {
                String value = s.value.apply(entry);
                appendEscaped(line, value == null || value.isEmpty() ? ABSENT : value);
            }
        }
        return line.toString();
    }

    private void appendEscaped(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                line.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else if (json && (c == '"' || c == '\\')) {
                line.append('\\').append(c);
            } else {
                line.append(c);
            }
        }
    }

    /** Literal text, or a variable when {@code value} is set. */
    private record Segment(String text, @Nullable Function<AccessLogEntry, @Nullable String> value) {}

    /** Returns how to read {@code $context.name} from an entry (spec §3.2 and §9; AWS's access-log variables). */
    static Function<AccessLogEntry, @Nullable String> variable(String name) {
        return switch (name) {
            case "requestId", "extendedRequestId" -> AccessLogEntry::requestId;
            case "connectionId" -> AccessLogEntry::connectionId;
            case "eventType" -> e -> e.eventType().name();
            case "routeKey" -> AccessLogEntry::routeKey;
            case "messageId" -> AccessLogEntry::messageId;
            case "messageDirection" -> e -> "IN";
            case "requestTime" -> e -> LambdaEvents.clfTime(e.requestTimeEpoch());
            case "requestTimeEpoch" -> e -> Long.toString(e.requestTimeEpoch());
            case "connectedAt" -> e -> Long.toString(e.connectedAt());
            case "stage" -> AccessLogEntry::stage;
            case "apiId" -> AccessLogEntry::apiId;
            case "domainName" -> AccessLogEntry::domainName;
            case "domainPrefix" -> e -> e.domainName().split("[.:]", 2)[0];
            case "status" -> e -> Integer.toString(e.status());
            case "identity.sourceIp" -> AccessLogEntry::sourceIp;
            case "identity.userAgent" -> AccessLogEntry::userAgent;
            case "disconnectStatusCode" -> e -> e.disconnect() == null ? null
                    : Integer.toString(e.disconnect().statusCode());
            case "disconnectReason" -> e -> e.disconnect() == null ? null : e.disconnect().reason();
            default -> nested(name);
        };
    }

    private static Function<AccessLogEntry, @Nullable String> nested(String name) {
        if (name.startsWith("error.")) {
            return error(name.substring("error.".length()));
        }
        if (name.startsWith("integration.") || name.equals("integrationLatency")
                || name.equals("integrationStatus")) {
            return integration(name.equals("integrationLatency") ? "latency"
                    : name.equals("integrationStatus") ? "integrationStatus" : name.substring("integration.".length()));
        }
        if (name.startsWith("authorize.")) {
            return authorize(name.substring("authorize.".length()));
        }
        if (name.startsWith("authorizer.")) {
            String key = name.substring("authorizer.".length());
            Function<AccessLogEntry, @Nullable String> call = authorize(key);
            return e -> e.authorizer().containsKey(key) ? String.valueOf(e.authorizer().get(key)) : call.apply(e);
        }
        if (name.startsWith("identity.")) {
            String key = name.substring("identity.".length());
            return e -> e.identity().get(key);
        }
        return e -> null;
    }

    private static Function<AccessLogEntry, @Nullable String> error(String field) {
        return switch (field) {
            case "message" -> e -> e.error() == null ? null : e.error().message();
            case "messageString" -> e -> e.error() == null ? null : "\"" + e.error().message() + "\"";
            case "responseType" -> e -> e.error() == null ? null : e.error().responseType();
            default -> e -> null;
        };
    }

    private static Function<AccessLogEntry, @Nullable String> integration(String field) {
        return switch (field) {
            case "status" -> e -> e.integration() == null ? null : positive(e.integration().status());
            case "integrationStatus" -> e -> e.integration() == null ? null
                    : positive(e.integration().integrationStatus());
            case "latency" -> e -> e.integration() == null ? null : positive(e.integration().latencyMillis());
            case "error" -> e -> e.integration() == null ? null : e.integration().error();
            default -> e -> null;
        };
    }

    private static Function<AccessLogEntry, @Nullable String> authorize(String field) {
        return switch (field) {
            case "status" -> e -> e.authorize() == null ? null : Integer.toString(e.authorize().status());
            case "latency" -> e -> e.authorize() == null ? null : Long.toString(e.authorize().latencyMillis());
            case "error" -> e -> e.authorize() == null ? null : e.authorize().error();
            default -> e -> null;
        };
    }

    private static @Nullable String positive(long value) {
        return value < 0 ? null : Long.toString(value);
    }

    /** Returns the compiled format of every stage that has one. */
    static Map<String, AccessLogFormat> byStage(io.socketway.api.ApiDefinition api) {
        Map<String, AccessLogFormat> formats = new java.util.HashMap<>();
        api.stages().forEach(s -> s.accessLogSettings().ifPresent(a -> formats.put(s.name(), compile(a.format()))));
        return Map.copyOf(formats);
    }
}
