package io.socketway.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.api.IntegrationDefinition;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code MOCK} integration: the request template gives the status ({@code {"statusCode": 200}}), the
 * {@code $default} integration response template gives the reply body. Immutable and thread-safe.
 */
final class MockIntegration implements Integration {
    private final IntegrationDefinition definition;
    private final @Nullable SelectionExpression templateSelection;

    MockIntegration(IntegrationDefinition definition) {
        this.definition = definition;
        this.templateSelection = definition.templateSelectionExpression()
                .map(SelectionExpression::compile)
                .orElse(null);
    }

    @Override
    public IntegrationResponse invoke(IntegrationEvent event) throws IntegrationException {
        String key = templateSelection == null || event.body() == null
                ? null
                : templateSelection.evaluate(event.body()).orElse(null);
        String request = Mappings.selectTemplate(definition.requestTemplates(), key);
        int status = request == null ? 200 : status(Mappings.render(request, event));
        String response = Mappings.selectTemplate(definition.responseTemplates(), null);
        String body = response == null ? null : Mappings.render(response, event);
        return new IntegrationResponse(status, Map.of(), body);
    }

    private int status(String rendered) throws IntegrationException {
        try {
            JsonNode node = Json.MAPPER.readTree(rendered);
            JsonNode status = node == null ? null : node.get("statusCode");
            return status == null ? 200 : status.asInt(200);
        } catch (IOException e) {
            throw new IntegrationException(IntegrationException.Kind.INVALID_RESPONSE,
                    "integration " + definition.logicalId() + ": request template " + rendered
                            + " (expected: JSON such as {\"statusCode\": 200})", e);
        }
    }
}
