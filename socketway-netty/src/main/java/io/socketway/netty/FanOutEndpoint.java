package io.socketway.netty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.socketway.core.FanOutResult;
import io.socketway.core.ManagementResult;
import io.socketway.core.ManagementService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Serves the {@code @connections} fan-out, a Socketway extension (AWS has none): {@code POST /{stage}/@connections}
 * with {@code {"connectionIds": [...], "data": "text"}} (or {@code "dataBase64"} for any bytes) delivers one message
 * to every listed connection and answers 200 with the ids grouped by outcome:
 * {@code {"delivered": [...], "gone": [...], "limitExceeded": [...], "failed": [...]}}. Access is checked by
 * {@link ManagementEndpoint} before this runs (a key must allow {@code POST} on the stage). A body that is not such
 * an object gets 400 {@code BadRequestException}; data above the message limit 413, as a single POST.
 *
 * <p>Threading: shared by all channels; stateless; parses on the event loop, and answers there once every owner
 * node has answered.
 */
final class FanOutEndpoint {
    /** The most connection ids one call may list. */
    static final int MAX_IDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManagementService service;

    FanOutEndpoint(ManagementService service) {
        this.service = service;
    }

    /** Returns the largest request body a fan-out may need: the ids, and the data escaped or base64-encoded. */
    static int maxBodyBytes(int maxMessageBytes) {
        return 2 * maxMessageBytes + 64 * MAX_IDS;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String stage, boolean keepAlive) {
        Request parsed;
        try {
            parsed = parse(request);
        } catch (BadRequest e) {
            send(ctx, keepAlive, error(HttpResponseStatus.BAD_REQUEST, "BadRequestException", e.getMessage()));
            return;
        }
        Optional<ManagementResult> refusal = service.fanOutRefusal(stage, parsed.data());
        if (refusal.isPresent()) {
            send(ctx, keepAlive, refusal.get() == ManagementResult.PAYLOAD_TOO_LARGE
                    ? error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PayloadTooLargeException",
                            "Request entity too large")
                    : error(HttpResponseStatus.FORBIDDEN, "ForbiddenException", "Forbidden"));
            return;
        }
        service.postToMany(stage, parsed.connectionIds(), parsed.data()).whenComplete((result, e) ->
                ctx.executor().execute(() -> send(ctx, keepAlive, e != null
                        ? error(HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException",
                                "The fan-out did not complete: " + e)
                        : HttpResponses.json(HttpResponseStatus.OK, body(result)))));
    }

    private record Request(List<String> connectionIds, byte[] data) {}

    private static Request parse(FullHttpRequest request) throws BadRequest {
        JsonNode root;
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate())) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new BadRequest("body: not JSON (expected: {\"connectionIds\": [...], \"data\": \"...\"})");
        } catch (IOException e) {
            throw new BadRequest("body: unreadable");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("body: not an object (expected: {\"connectionIds\": [...], \"data\": \"...\"})");
        }
        return new Request(ids(root.get("connectionIds")), data(root));
    }

    private static List<String> ids(JsonNode node) throws BadRequest {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_IDS) {
            throw new BadRequest("connectionIds: " + describe(node) + " (expected: an array of 1 to " + MAX_IDS
                    + " connection ids)");
        }
        List<String> ids = new ArrayList<>(node.size());
        for (JsonNode id : node) {
            if (!id.isTextual() || id.textValue().isEmpty()) {
                throw new BadRequest("connectionIds: " + describe(id) + " (expected: non-empty strings)");
            }
            ids.add(id.textValue());
        }
        return ids;
    }

    private static byte[] data(JsonNode root) throws BadRequest {
        JsonNode text = root.get("data");
        JsonNode base64 = root.get("dataBase64");
        if ((text == null) == (base64 == null)) {
            throw new BadRequest("data: " + (text == null ? "missing" : "given with dataBase64")
                    + " (expected: exactly one of \"data\" (a string) or \"dataBase64\")");
        }
        if (text != null) {
            if (!text.isTextual()) {
                throw new BadRequest("data: " + describe(text) + " (expected: a string)");
            }
            return text.textValue().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(base64.isTextual() ? base64.textValue() : "?");
        } catch (IllegalArgumentException e) {
            throw new BadRequest("dataBase64: " + describe(base64) + " (expected: standard base64)");
        }
    }

    private static String describe(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String body(FanOutResult result) {
        StringBuilder out = new StringBuilder(32 + 20 * (result.delivered().size() + result.gone().size()));
        out.append('{');
        list(out, "delivered", result.delivered()).append(',');
        list(out, "gone", result.gone()).append(',');
        list(out, "limitExceeded", result.limitExceeded()).append(',');
        return list(out, "failed", result.failed()).append('}').toString();
    }

    private static StringBuilder list(StringBuilder out, String name, List<String> ids) {
        out.append('"').append(name).append("\":[");
        for (int i = 0; i < ids.size(); i++) {
            out.append(i == 0 ? "" : ",").append(ManagementEndpoint.quote(ids.get(i)));
        }
        return out.append(']');
    }

    private static FullHttpResponse error(HttpResponseStatus status, String type, String message) {
        return HttpResponses.awsError(status, type, "{\"message\":" + ManagementEndpoint.quote(message) + "}");
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpResponses.send(ctx, response, keepAlive);
    }

    /** A body that is not a fan-out request; the message names the field and what was expected. */
    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
