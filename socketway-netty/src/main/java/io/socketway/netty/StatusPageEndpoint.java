package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.socketway.core.StatusPage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Serves the gateway's {@link StatusPage}s (Prometheus metrics, alarm states) with {@code GET}. They tell an attacker
 * how busy the node is and which stages and routes exist, so they are protected like {@code @connections} by
 * {@link ManagementAccess}: loopback callers only until access keys are configured, then SigV4-signed requests from a
 * key that is not limited to some stages; {@code --insecure-management} opens them to any address.
 *
 * <p>Threading: shared by all channels. The access check runs on the event loop (HMAC only); rendering can take
 * milliseconds, so it runs on a virtual thread and the response is written back on the channel's event loop.
 */
final class StatusPageEndpoint {
    private static final ExecutorService RENDERERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socketway-status-", 0).factory());

    private final List<StatusPage> pages;
    private final @Nullable ManagementAccess access;

    /** Serves {@code pages} under {@code access}; null serves them to anyone (the metrics listener). */
    StatusPageEndpoint(List<StatusPage> pages, @Nullable ManagementAccess access) {
        this.pages = List.copyOf(pages);
        this.access = access;
    }

    /** Returns the page served at {@code rawPath}, if any. */
    Optional<StatusPage> page(String rawPath) {
        for (StatusPage page : pages) {
            if (page.path().equals(rawPath)) {
                return Optional.of(page);
            }
        }
        return Optional.empty();
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, StatusPage page, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.GET)) {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "{\"message\":\"Method Not Allowed\"}"), keepAlive);
            return;
        }
        var refusal = access == null ? Optional.<ManagementAccess.Refusal>empty()
                : access.checkOperations(ctx, request);
        if (refusal.isPresent()) {
            HttpResponses.send(ctx, refusal.get().response(), keepAlive);
            return;
        }
        CompletableFuture.supplyAsync(page::render, RENDERERS).whenComplete((body, error) ->
                ctx.executor().execute(() -> HttpResponses.send(ctx, response(page, body, error), keepAlive)));
    }

    private static FullHttpResponse response(StatusPage page, String body, Throwable error) {
        if (error != null) {
            return HttpResponses.json(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "{\"message\":\"Internal Server Error\"}");
        }
        FullHttpResponse response = HttpResponses.json(HttpResponseStatus.OK, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType());
        return response;
    }
}
