package io.socketway.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.core.ConnectionView;
import io.socketway.core.ManagementResult;
import io.socketway.core.ManagementService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves the {@code @connections} API (spec §6) in AWS's wire format, so that the AWS SDKs and CLI work unchanged:
 * POST 200 with an empty body, GET 200 with ISO-8601 times, DELETE 204, and errors with {@code x-amzn-ErrorType}.
 * Beyond AWS, {@code GET /{stage}/@connections} lists live connections ({@code ?limit=&nextToken=}); each item has
 * {@code connectionId} and GetConnection's fields; and {@code POST /{stage}/@connections} sends one message to many
 * connections ({@link FanOutEndpoint}).
 *
 * <p>Who may call is decided by {@link ManagementAccess}: SigV4 with configured keys, or loopback only without keys.
 *
 * <p>Threading: shared by all channels; stateless apart from the service; runs on event loops and never blocks.
 */
final class ManagementEndpoint {
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    private final ManagementService service;
    private final ManagementAccess access;
    private final FanOutEndpoint fanOut;

    ManagementEndpoint(ManagementService service, ManagementAccess access) {
        this.service = service;
        this.access = access;
        this.fanOut = new FanOutEndpoint(service);
    }

    /** Returns the access rules of the management API, which the other protected endpoints share. */
    ManagementAccess access() {
        return access;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, List<String> segments, boolean keepAlive) {
        String stage = segments.get(0);
        var refusal = access.check(ctx, request, stage);
        if (refusal.isPresent()) {
            reply(ctx, keepAlive, refusal.get().response());
            return;
        }
        if (!service.knownStage(stage)) {
            reply(ctx, keepAlive, error(HttpResponseStatus.FORBIDDEN, "ForbiddenException", "Forbidden"));
            return;
        }
        if (segments.size() == 2 && request.method().equals(HttpMethod.GET)) {
            list(ctx, request, stage, keepAlive);
        } else if (segments.size() == 2 && request.method().equals(HttpMethod.POST)) {
            fanOut.handle(ctx, request, stage, keepAlive);
        } else if (segments.size() == 3 && !segments.get(2).isEmpty()) {
            one(ctx, request, stage, segments.get(2), keepAlive);
        } else {
            reply(ctx, keepAlive, error(HttpResponseStatus.NOT_FOUND, "NotFoundException",
                    "No method found matching route " + request.uri() + " for http method " + request.method()));
        }
    }

    private void one(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String id, boolean keepAlive) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            byte[] data = ByteBufUtil.getBytes(request.content());
            answer(ctx, keepAlive, service.post(stage, id, data), HttpResponseStatus.OK);
        } else if (method.equals(HttpMethod.DELETE)) {
            answer(ctx, keepAlive, service.delete(stage, id), HttpResponseStatus.NO_CONTENT);
        } else if (method.equals(HttpMethod.GET)) {
            service.get(stage, id).whenComplete((view, e) -> ctx.executor().execute(() ->
                    reply(ctx, keepAlive, e != null ? unavailable() : view.map(ManagementEndpoint::connection)
                            .orElseGet(ManagementEndpoint::gone))));
        } else {
            reply(ctx, keepAlive, error(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowedException",
                    "Method not allowed: " + method));
        }
    }

    private void answer(ChannelHandlerContext ctx, boolean keepAlive, CompletionStage<ManagementResult> result,
            HttpResponseStatus success) {
        if (result instanceof CompletableFuture<ManagementResult> done && done.isDone()
                && !done.isCompletedExceptionally() && ctx.executor().inEventLoop()) {
            reply(ctx, keepAlive, response(done.join(), success)); // a local connection: answered at once
            return;
        }
        result.whenComplete((r, e) -> ctx.executor().execute(() ->
                reply(ctx, keepAlive, e != null ? unavailable() : response(r, success))));
    }

    private void list(ChannelHandlerContext ctx, FullHttpRequest request, String stage, boolean keepAlive) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        int limit = parseLimit(first(query, "limit").orElse(""));
        if (limit < 0) {
            reply(ctx, keepAlive, error(HttpResponseStatus.BAD_REQUEST, "BadRequestException",
                    "limit: " + first(query, "limit").orElse("") + " (expected: 1 to " + MAX_PAGE + ")"));
            return;
        }
        service.list(stage, first(query, "nextToken").orElse(""), limit).whenComplete((page, e) ->
                ctx.executor().execute(() -> reply(ctx, keepAlive, e != null ? unavailable() : listing(page, service))));
    }

    private static int parseLimit(String text) {
        if (text.isEmpty()) {
            return DEFAULT_PAGE;
        }
        try {
            int value = Integer.parseInt(text);
            return value >= 1 && value <= MAX_PAGE ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<String> first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static FullHttpResponse response(ManagementResult result, HttpResponseStatus success) {
        return switch (result) {
            case OK -> HttpResponses.json(success, null);
            case GONE -> gone();
            case PAYLOAD_TOO_LARGE -> error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PayloadTooLargeException",
                    "Request entity too large");
            case LIMIT_EXCEEDED -> error(HttpResponseStatus.TOO_MANY_REQUESTS, "LimitExceededException",
                    "The connection's outbound buffer is full");
            case FORBIDDEN -> error(HttpResponseStatus.FORBIDDEN, "ForbiddenException", "Forbidden");
        };
    }

    private static FullHttpResponse connection(ConnectionView view) {
        String body = "{\"connectedAt\":\"" + Instant.ofEpochMilli(view.connectedAt()) + "\",\"identity\":{"
                + "\"sourceIp\":" + quote(view.sourceIp()) + ",\"userAgent\":"
                + quote(view.userAgent() == null ? "" : view.userAgent()) + "},\"lastActiveAt\":\""
                + Instant.ofEpochMilli(view.lastActiveAt()) + "\"}";
        return HttpResponses.json(HttpResponseStatus.OK, body);
    }

    private static FullHttpResponse listing(ConnectionRegistry.Page page, ManagementService service) {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < page.connections().size(); i++) {
            ConnectionRecord r = page.connections().get(i);
            body.append(i == 0 ? "" : ",").append("{\"connectionId\":").append(quote(r.connectionId()))
                    .append(",\"connectedAt\":\"").append(Instant.ofEpochMilli(r.connectedAt()))
                    .append("\",\"identity\":{\"sourceIp\":").append(quote(r.sourceIp()))
                    .append(",\"userAgent\":").append(quote(r.userAgent())).append("},\"lastActiveAt\":\"")
                    .append(Instant.ofEpochMilli(service.lastActiveAt(r))).append("\"}");
        }
        body.append("]");
        if (!page.nextCursor().isEmpty()) {
            body.append(",\"nextToken\":").append(quote(page.nextCursor()));
        }
        return HttpResponses.json(HttpResponseStatus.OK, body.append("}").toString());
    }

    private static FullHttpResponse gone() {
        return HttpResponses.awsError(HttpResponseStatus.GONE, "GoneException", "{}");
    }

    private static FullHttpResponse unavailable() {
        return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException",
                "The connection registry did not answer");
    }

    private static FullHttpResponse error(HttpResponseStatus status, String type, String message) {
        return HttpResponses.awsError(status, type, "{\"message\":" + quote(message) + "}");
    }

    /** Returns {@code value} as a JSON string literal. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void reply(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        HttpResponses.send(ctx, response, keepAlive);
    }
}
