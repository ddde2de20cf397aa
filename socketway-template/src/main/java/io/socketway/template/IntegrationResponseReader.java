package io.socketway.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code $default} {@code AWS::ApiGatewayV2::IntegrationResponse} of each integration; responses with other
 * keys are recorded as ignored.
 */
final class IntegrationResponseReader {
    private static final Set<String> USED = Set.of("ApiId", "IntegrationId", "IntegrationResponseKey", "ResponseTemplates");

    private IntegrationResponseReader() {}

    /** Returns the {@code ResponseTemplates} of each integration's {@code $default} response, by integration logical id. */
    static Map<String, Map<String, String>> read(LoadContext context, ServedApi api, List<Resource> integrations) {
        Map<String, Map<String, String>> templates = new HashMap<>();
        for (Resource response : context.active(ResourceTypes.INTEGRATION_RESPONSE)) {
            Props props = context.props(response);
            if (!api.serves(context, response, props)) {
                continue;
            }
            String integration = integration(context, props, integrations);
            context.ignored().unusedProperties(props, response.type(), USED);
            String key = props.requiredString("IntegrationResponseKey", "$default or /regex/");
            if (!key.equals("$default")) {
                context.ignored().add(response.path(), "only the $default integration response is applied");
                continue;
            }
            Map<String, String> responseTemplates =
                    props.stringMap("ResponseTemplates", "a mapping of template keys to templates");
            if (templates.putIfAbsent(integration, responseTemplates) != null) {
                throw context.source().error(props.value("IntegrationResponseKey").orElseThrow(),
                        props.path("IntegrationResponseKey"), "one $default response per integration; "
                                + integration + " already has one");
            }
        }
        return templates;
    }

    private static String integration(LoadContext context, Props props, List<Resource> integrations) {
        String expected = "!Ref of an AWS::ApiGatewayV2::Integration of this API: "
                + String.join(", ", integrations.stream().map(Resource::logicalId).toList());
        String id = props.requiredString("IntegrationId", expected);
        return context.references().findById(id, integrations).map(Resource::logicalId)
                .orElseThrow(() -> context.source().error(props.value("IntegrationId").orElseThrow(),
                        props.path("IntegrationId"), expected));
    }
}
