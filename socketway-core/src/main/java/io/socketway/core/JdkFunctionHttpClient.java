package io.socketway.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A {@link FunctionHttpClient} on the JDK's {@code HttpClient}: HTTP/1.1, connections kept alive by its own pool,
 * callbacks on the given executor.
 *
 * <p>Threading: thread-safe; never blocks the caller.
 */
final class JdkFunctionHttpClient implements FunctionHttpClient {
    private final HttpClient client;
    private final FunctionHttpSettings settings;

    JdkFunctionHttpClient(Executor executor, FunctionHttpSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .executor(executor)
                .build();
    }

    @Override
    public CompletionStage<Response> send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
        request.headers().forEach(builder::header);
        HttpRequest jdkRequest = builder.method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build();
        CompletableFuture<Response> result = new CompletableFuture<>();
        client.sendAsync(jdkRequest, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(translate(request, failure));
            } else if (response.body().length > settings.maxResponseBytes()) {
                result.completeExceptionally(tooLarge(request, settings.maxResponseBytes()));
            } else {
                result.complete(new Response(response.statusCode(), response.headers().map(), response.body()));
            }
        });
        return result;
    }

    static FunctionHttpException tooLarge(Request request, int limit) {
        return new FunctionHttpException(FunctionHttpException.Kind.TOO_LARGE, request.uri()
                + ": response body over " + limit + " bytes (expected: at most --function-http-max-response-bytes)",
                null);
    }

    private static FunctionHttpException translate(Request request, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (e instanceof HttpTimeoutException) {
            return new FunctionHttpException(FunctionHttpException.Kind.TIMEOUT, request.uri() + ": timed out after "
                    + request.timeout().toMillis() + " ms", e);
        }
        if (e instanceof ConnectException) {
            return new FunctionHttpException(FunctionHttpException.Kind.REFUSED,
                    request.uri() + ": connection refused", e);
        }
        if (e instanceof IOException) {
            return new FunctionHttpException(FunctionHttpException.Kind.BROKEN, request.uri() + ": " + e, e);
        }
        return new FunctionHttpException(FunctionHttpException.Kind.BROKEN, request.uri() + ": " + e, e);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
