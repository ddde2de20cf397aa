package io.socketway.core;

import io.socketway.api.IntegrationDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code HTTP_PROXY} integration: the raw message is sent with {@code IntegrationMethod}, {@code RequestParameters}
 * become headers and query parameters, and the backend's status and body are the response (spec §4). Connections are
 * pooled and kept alive by the shared {@link HttpClient}.
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
        HttpRequest request = proxyRequest(event);
        HttpResponse<byte[]> response = HttpLambdaInvoker.send(client, request, definition.timeout());
        String body = response.body().length == 0 ? null : new String(response.body(), StandardCharsets.UTF_8);
        return new IntegrationResponse(response.statusCode(), Map.of(), body);
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
}
