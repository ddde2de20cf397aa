package io.socketway.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
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

    static IntegrationResponse parse(byte[] json) throws IntegrationException {
        JsonNode root = read(json);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return IntegrationResponse.OK;
        }
        if (!root.isObject()) {
            return new IntegrationResponse(200, Map.of(), root.isTextual() ? root.textValue() : root.toString());
        }
        byte[] binary = binaryBody(root);
        String body = binary != null ? new String(binary, StandardCharsets.UTF_8) : text(root);
        return new IntegrationResponse(statusCode(root), headers(root), body, binary);
    }

    private static JsonNode read(byte[] json) throws IntegrationException {
        if (json.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IntegrationException(IntegrationException.Kind.INVALID_RESPONSE,
                    "function response: not JSON (expected: a Lambda proxy response object)", e);
        }
    }

    private static int statusCode(JsonNode root) throws IntegrationException {
        JsonNode status = root.get("statusCode");
        if (status == null || status.isNull()) {
            return 200;
        }
        if (status.canConvertToInt() || (status.isTextual() && status.asText().matches("\\d{3}"))) {
            int value = status.asInt();
            if (value >= 100 && value <= 599) {
                return value;
            }
        }
        throw new IntegrationException(IntegrationException.Kind.INVALID_RESPONSE,
                "function response: statusCode " + status + " (expected: an HTTP status from 100 to 599)");
    }

    private static Map<String, String> headers(JsonNode root) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode multi = root.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            multi.fields().forEachRemaining(e -> {
                if (e.getValue().isArray() && !e.getValue().isEmpty()) {
                    headers.put(e.getKey(), e.getValue().get(0).asText());
                }
            });
        }
        JsonNode single = root.get("headers");
        if (single != null && single.isObject()) {
            single.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        return headers;
    }

    private static @Nullable String text(JsonNode root) {
        JsonNode body = root.get("body");
        if (body == null || body.isNull()) {
            return null;
        }
        return body.isTextual() ? body.textValue() : body.toString();
    }

    /** Returns the decoded body when {@code isBase64Encoded} is true and the body is base64, otherwise null. */
    private static byte @Nullable [] binaryBody(JsonNode root) {
        JsonNode base64 = root.get("isBase64Encoded");
        String text = text(root);
        if (text == null || base64 == null || !base64.asBoolean(false)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
