package io.socketway.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Calls a function anywhere over HTTP: the event JSON is POSTed, the answer is the result JSON; this is also the
 * Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}), whose
 * {@code X-Amz-Function-Error} header marks a failed function. A non-2xx status is a function error whose message is the body's {@code errorMessage} when it has one (so an authorizer answering
 * {@code {"errorMessage":"Unauthorized"}} or HTTP 401 means "unauthorized", as on Lambda). Connections are pooled and
 * kept alive by the gateway's {@link FunctionHttpClient}.
 *
 * <p>Threading: thread-safe; blocks its virtual thread, never an event loop.
 */
final class HttpLambdaInvoker implements LambdaInvoker {
    private final URI uri;
    /** How long past a request's timeout the caller waits for a client that failed to time it out itself. */
    private static final long GRACE_MILLIS = 1000;
    private final FunctionHttpClient client;
    private final Duration timeout;

    HttpLambdaInvoker(URI uri, FunctionHttpClient client, Duration timeout) {
        this.uri = uri;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public byte[] invoke(byte[] event, String requestId) throws IntegrationException {
        FunctionHttpClient.Request request = new FunctionHttpClient.Request("POST", uri,
                Map.of("Content-Type", "application/json", "X-Amz-Request-Id", requestId), event, timeout);
        FunctionHttpClient.Response response = send(client, request);
        if (response.status() / 100 != 2) {
            String message = response.status() == 401 ? "Unauthorized" : errorMessage(response.body());
            throw new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, "function at " + uri
                    + " answered HTTP " + response.status() + " (expected: 2xx)", message);
        }
        List<String> functionError = response.headers().getOrDefault("X-Amz-Function-Error", List.of());
        if (!functionError.isEmpty()) {
            // the Lambda Invoke API (sam local start-lambda, Lambda itself): the function failed, the call did not
            throw new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, "function at " + uri
                    + " failed (X-Amz-Function-Error: " + functionError.get(0) + ")", errorMessage(response.body()));
        }
        return response.body();
    }

    @Override
    public @Nullable Object invokeTree(LambdaEvent event, String requestId) throws IntegrationException {
        return LambdaResponses.readTree(invoke(event.json(), requestId));
    }

    @Override
    public String name() {
        return uri.toString();
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.hasNonNull("errorMessage") ? node.get("errorMessage").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Sends a request and waits for its response on the calling (virtual) thread, mapping failures to integration
     * failures: timeouts to {@code TIMEOUT}, transport failures to {@code BACKEND_UNREACHABLE}, an oversized response
     * to {@code INVALID_RESPONSE}.
     */
    static FunctionHttpClient.Response send(FunctionHttpClient client, FunctionHttpClient.Request request)
            throws IntegrationException {
        try {
            return client.send(request).toCompletableFuture()
                    .get(request.timeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(request, e.getCause());
        } catch (TimeoutException e) {
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT,
                    request.uri() + ": timed out after " + request.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT, request.uri() + ": interrupted", e);
        }
    }

    private static IntegrationException translate(FunctionHttpClient.Request request, Throwable cause) {
        if (!(cause instanceof FunctionHttpException e)) {
            return new IntegrationException(IntegrationException.Kind.BACKEND_UNREACHABLE,
                    request.uri() + ": " + cause, cause);
        }
        IntegrationException.Kind kind = switch (e.kind()) {
            case TIMEOUT -> IntegrationException.Kind.TIMEOUT;
            case REFUSED, BROKEN, OVERLOADED -> IntegrationException.Kind.BACKEND_UNREACHABLE;
            case TOO_LARGE -> IntegrationException.Kind.INVALID_RESPONSE;
        };
        return new IntegrationException(kind, e.getMessage(), e);
    }
}
