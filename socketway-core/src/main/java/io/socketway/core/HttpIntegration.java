package io.socketway.core;

import io.socketway.api.IntegrationDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code HTTP_PROXY} integration: the raw message is sent with {@code IntegrationMethod}, {@code RequestParameters}
 * become headers and query parameters, and the backend's status and body are the response (spec §4). Connections are
 * pooled and kept alive by the gateway's {@link FunctionHttpClient}.
 *
 * <p>Threading: thread-safe; {@link #invoke} blocks its virtual thread, never an event loop.
 */
final class HttpIntegration implements Integration {
    private final IntegrationDefinition definition;
    private final FunctionHttpClient client;

    HttpIntegration(IntegrationDefinition definition, FunctionHttpClient client) {
        this.definition = definition;
        this.client = client;
    }

    @Override
    public IntegrationResponse invoke(IntegrationEvent event) throws IntegrationException {
        FunctionHttpClient.Request request = proxyRequest(event);
        FunctionHttpClient.Response response = HttpLambdaInvoker.send(client, request);
        String body = response.body().length == 0 ? null : new String(response.body(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0)); // Sec-WebSocket-Protocol on $connect, as from a Lambda response
            }
        });
        return new IntegrationResponse(response.status(), headers, body);
    }

    private FunctionHttpClient.Request proxyRequest(IntegrationEvent event) {
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : definition.requestParameters().entrySet()) {
            Optional<String> value = Mappings.source(p.getValue(), event);
            if (value.isEmpty()) {
                continue;
            }
            if (p.getKey().startsWith("integration.request.header.")) {
                headers.put(p.getKey().substring("integration.request.header.".length()), value.get());
            } else if (p.getKey().startsWith("integration.request.querystring.")) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(encode(p.getKey().substring("integration.request.querystring.".length())))
                        .append('=')
                        .append(encode(value.get()));
            }
        }
        String body = event.body() == null ? "" : event.body();
        headers.putIfAbsent("Content-Type", "application/json");
        return new FunctionHttpClient.Request(definition.method(), uri(event, query.toString()), headers,
                body.getBytes(StandardCharsets.UTF_8), definition.timeout());
    }

    private URI uri(IntegrationEvent event, String query) {
        String base = Mappings.substituteStageVariables(definition.uri(), event.stageVariables());
        return URI.create(query.isEmpty() ? base : base + (base.contains("?") ? "&" : "?") + query);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
