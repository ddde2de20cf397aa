package io.socketway.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Calls a function anywhere over HTTP: the event JSON is POSTed, the answer is the result JSON. A non-2xx status is a
 * function error whose message is the body's {@code errorMessage} when it has one (so an authorizer answering
 * {@code {"errorMessage":"Unauthorized"}} or HTTP 401 means "unauthorized", as on Lambda). Connections are pooled and
 * kept alive by the shared {@link HttpClient}.
 *
 * <p>Threading: thread-safe; blocks its virtual thread, never an event loop.
 */
final class HttpLambdaInvoker implements LambdaInvoker {
    private final URI uri;
    private final HttpClient client;
    private final Duration timeout;

    HttpLambdaInvoker(URI uri, HttpClient client, Duration timeout) {
        this.uri = uri;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public byte[] invoke(byte[] event, String requestId) throws IntegrationException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build();
        HttpResponse<byte[]> response = send(client, request, timeout);
        if (response.statusCode() / 100 != 2) {
            String message = response.statusCode() == 401 ? "Unauthorized" : errorMessage(response.body());
            throw new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, "function at " + uri
                    + " answered HTTP " + response.statusCode() + " (expected: 2xx)", message);
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

    /** Sends a request, mapping transport failures to integration failures. */
    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, Duration timeout)
            throws IntegrationException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT,
                    request.uri() + ": timed out after " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new IntegrationException(IntegrationException.Kind.BACKEND_UNREACHABLE,
                    request.uri() + ": connection refused", e);
        } catch (IOException e) {
            throw new IntegrationException(IntegrationException.Kind.BACKEND_UNREACHABLE, request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT, request.uri() + ": interrupted", e);
        }
    }
}
