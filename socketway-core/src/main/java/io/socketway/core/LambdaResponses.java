package io.socketway.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Lambda proxy response ({@code APIGatewayV2WebSocketResponse} JSON) into an {@link IntegrationResponse}.
 *
 * <p>Accepted shapes: an object with {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body} and
 * {@code isBase64Encoded} (each optional; the status defaults to 200 and a non-string body is sent as its JSON text);
 * {@code null} (no reply); a bare JSON string or other value (sent as the body). Stateless and thread-safe.
 */
final class LambdaResponses {
    private LambdaResponses() {}

    /** Reads a JSON response; see {@link #parse(Object)}. */
    static IntegrationResponse parse(byte[] json) throws IntegrationException {
        return parse(readTree(json));
    }

    /**
     * Reads a response given as a JSON-shaped tree ({@code Map}, {@code List}, {@code String}, {@code Number},
     * {@code Boolean} or {@code null}), as an in-process function returns it or {@link #readTree} reads it.
     */
    static IntegrationResponse parse(@Nullable Object root) throws IntegrationException {
        return parse(root, true);
    }

    /**
     * Reads a response to a message or a {@code $disconnect}, where AWS ignores {@code statusCode} (spec §3.3: a body
     * returned with 500 still arrives): an invalid status, such as the 0 of a Java
     * {@code APIGatewayV2WebSocketResponse} whose status was never set, counts as 200 instead of failing the call.
     */
    static IntegrationResponse parseIgnoringStatus(@Nullable Object root) throws IntegrationException {
        return parse(root, false);
    }

    private static IntegrationResponse parse(@Nullable Object root, boolean statusMatters)
            throws IntegrationException {
        if (root == null) {
            return IntegrationResponse.OK;
        }
        if (!(root instanceof Map<?, ?> map)) {
            return new IntegrationResponse(200, Map.of(), root instanceof String text ? text : Json.write(root));
        }
        String text = bodyText(map);
        byte[] binary = isTrue(map.get("isBase64Encoded")) ? base64(text) : null;
        String body = binary != null ? new String(binary, StandardCharsets.UTF_8) : text;
        int status;
        try {
            status = statusCode(map);
        } catch (IntegrationException e) {
            if (statusMatters) {
                throw e;
            }
            status = 200;
        }
        return new IntegrationResponse(status, headers(map), body, binary);
    }

    /** Returns the JSON-shaped tree of a JSON response; empty input is {@code null}. */
    static @Nullable Object readTree(byte[] json) throws IntegrationException {
        if (json.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IntegrationException(IntegrationException.Kind.INVALID_RESPONSE,
                    "function response: not JSON (expected: a Lambda proxy response object)", e);
        }
    }

    private static int statusCode(Map<?, ?> root) throws IntegrationException {
        Object status = root.get("statusCode");
        if (status == null) {
            return 200;
        }
        if (status instanceof Number number && !(status instanceof Boolean)) {
            double value = number.doubleValue();
            if (value >= 100 && value < 600) {
                return number.intValue();
            }
        } else if (status instanceof String text && text.matches("\\d{3}")) {
            int value = Integer.parseInt(text);
            if (value >= 100 && value <= 599) {
                return value;
            }
        }
        throw new IntegrationException(IntegrationException.Kind.INVALID_RESPONSE,
                "function response: statusCode " + (status instanceof String ? Json.quote((String) status)
                        : Json.write(status)) + " (expected: an HTTP status from 100 to 599)");
    }

    private static Map<String, String> headers(Map<?, ?> root) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (root.get("multiValueHeaders") instanceof Map<?, ?> multi) {
            for (Map.Entry<?, ?> e : multi.entrySet()) {
                if (e.getValue() instanceof List<?> values && !values.isEmpty()) {
                    headers.put(String.valueOf(e.getKey()), text(values.get(0)));
                }
            }
        }
        if (root.get("headers") instanceof Map<?, ?> single) {
            for (Map.Entry<?, ?> e : single.entrySet()) {
                headers.put(String.valueOf(e.getKey()), text(e.getValue()));
            }
        }
        return headers;
    }

    /** A header value as text: scalars as written, {@code null} as {@code "null"}, an object or array as empty. */
    private static String text(@Nullable Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return "";
        }
        return String.valueOf(value);
    }

    private static @Nullable String bodyText(Map<?, ?> root) {
        Object body = root.get("body");
        if (body == null) {
            return null;
        }
        return body instanceof String s ? s : Json.write(body);
    }

    /** Returns the bytes of a base64 body, or null when there is none or it is not base64. */
    private static byte @Nullable [] base64(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Jackson's {@code asBoolean}: {@code true}, {@code "true"}, or a non-zero number. */
    private static boolean isTrue(@Nullable Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return "true".equals(s.trim());
        }
        return value instanceof Number n && n.doubleValue() != 0;
    }
}
