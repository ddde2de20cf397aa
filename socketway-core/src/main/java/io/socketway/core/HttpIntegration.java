package io.socketway.core;

import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Calls a backend over HTTP. Two kinds, as {@link IntegrationDefinition#type()} says:
 * <ul>
 *   <li>{@code AWS_PROXY} with an {@code http(s)://} URI: a function anywhere. The Lambda event JSON is POSTed and the
 *       answer is read as a Lambda proxy response; a non-2xx HTTP status is a function error.</li>
 *   <li>{@code HTTP_PROXY}: the raw message is sent with {@code IntegrationMethod}, {@code RequestParameters} become
 *       headers and query parameters, and the backend's status and body are the response (spec §4).</li>
 * </ul>
 * Connections are pooled and kept alive by the shared {@link HttpClient}.
 *
 * <p>Threading: thread-safe; {@link #invoke} blocks its virtual thread, never an event loop.
 */
final class HttpIntegration implements Integration {
    private final IntegrationDefinition definition;
    private final HttpClient client;

    HttpIntegration(IntegrationDefinition definition, HttpClient client) {
        this.definition = definition;
        this.client = client;
    }

    @Override
    public IntegrationResponse invoke(IntegrationEvent event) throws IntegrationException {
        HttpRequest request = definition.type() == IntegrationType.AWS_PROXY ? lambdaRequest(event) : proxyRequest(event);
        HttpResponse<byte[]> response = send(request);
        if (definition.type() == IntegrationType.AWS_PROXY) {
            if (response.statusCode() / 100 != 2) {
                throw new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, "function at "
                        + request.uri() + " answered HTTP " + response.statusCode() + " (expected: 2xx)");
            }
            return LambdaResponses.parse(response.body());
        }
        String body = response.body().length == 0 ? null : new String(response.body(), StandardCharsets.UTF_8);
        return new IntegrationResponse(response.statusCode(), Map.of(), body);
    }

    private HttpRequest lambdaRequest(IntegrationEvent event) {
        return HttpRequest.newBuilder(uri(event, ""))
                .timeout(definition.timeout())
                .header("Content-Type", "application/json")
                .header("X-Amz-Request-Id", event.requestId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.lambdaEvent().get()))
                .build();
    }

    private HttpRequest proxyRequest(IntegrationEvent event) {
        StringBuilder query = new StringBuilder();
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(definition.timeout());
        for (Map.Entry<String, String> p : definition.requestParameters().entrySet()) {
            Optional<String> value = Mappings.source(p.getValue(), event);
            if (value.isEmpty()) {
                continue;
            }
            if (p.getKey().startsWith("integration.request.header.")) {
                builder.header(p.getKey().substring("integration.request.header.".length()), value.get());
            } else if (p.getKey().startsWith("integration.request.querystring.")) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(encode(p.getKey().substring("integration.request.querystring.".length())))
                        .append('=')
                        .append(encode(value.get()));
            }
        }
        String body = event.body() == null ? "" : event.body();
        return builder.uri(uri(event, query.toString()))
                .header("Content-Type", "application/json")
                .method(definition.method(), HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private URI uri(IntegrationEvent event, String query) {
        String base = Mappings.substituteStageVariables(definition.uri(), event.stageVariables());
        return URI.create(query.isEmpty() ? base : base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IntegrationException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT,
                    request.uri() + ": timed out after " + definition.timeout().toMillis() + " ms", e);
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
