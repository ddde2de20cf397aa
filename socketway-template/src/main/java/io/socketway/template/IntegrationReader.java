package io.socketway.template;

import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.StageDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the served API's {@code AWS::ApiGatewayV2::Integration} resources. A Lambda {@code IntegrationUri} is traced
 * back to the template function it names, with {@code ${stageVariables.x}} taken from the first stage.
 */
final class IntegrationReader {
    private static final String TYPES = "one of AWS_PROXY, HTTP_PROXY, MOCK (AWS and HTTP load, but do not run)";
    static final String LAMBDA_FORMS = "a Lambda function ARN (arn:aws:lambda:{region}:{account}:function:{name}),"
            + " an arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations URI,"
            + " or an http(s):// URL of a function served over HTTP";
    private static final Set<String> USED = Set.of("ApiId", "IntegrationType", "IntegrationUri", "IntegrationMethod",
            "TimeoutInMillis", "RequestTemplates", "TemplateSelectionExpression", "RequestParameters", "ConnectionType",
            "PayloadFormatVersion");

    private final LoadContext context;
    private final LambdaTargets targets;

    private IntegrationReader(LoadContext context, StageDefinition firstStage) {
        this.context = context;
        this.targets = new LambdaTargets(context, firstStage);
    }

    /** Returns the served API's integrations by logical id, in file order. */
    static Map<String, IntegrationDefinition> read(LoadContext context, ServedApi api, StageDefinition firstStage) {
        IntegrationReader reader = new IntegrationReader(context, firstStage);
        List<Resource> integrations = new ArrayList<>();
        for (Resource resource : context.active(ResourceTypes.INTEGRATION)) {
            if (api.serves(context, resource, context.props(resource))) {
                integrations.add(resource);
            }
        }
        Map<String, Map<String, String>> responses = IntegrationResponseReader.read(context, api, integrations);
        Map<String, IntegrationDefinition> result = new LinkedHashMap<>();
        for (Resource resource : integrations) {
            result.put(resource.logicalId(),
                    reader.integration(resource, responses.getOrDefault(resource.logicalId(), Map.of())));
        }
        return result;
    }

    private IntegrationDefinition integration(Resource resource, Map<String, String> responseTemplates) {
        Props props = context.props(resource);
        context.ignored().unusedProperties(props, resource.type(), USED);
        IntegrationType type = type(props);
        checkConnectionType(props);
        if (type == IntegrationType.UNSUPPORTED) {
            String written = props.requiredString("IntegrationType", TYPES);
            context.ignored().add(props.path("IntegrationType"), "IntegrationType " + written + " ("
                    + (written.equals("AWS") ? "an AWS service integration" : "an HTTP integration")
                    + " through mapping templates) is not run by Socketway: calls of " + resource.logicalId()
                    + " fail, and its routes answer Internal server error");
            return new IntegrationDefinition(resource.logicalId(), type, "", Optional.empty(), "POST",
                    Duration.ofMillis(29_000), Map.of(), Optional.empty(), Map.of(), Map.of());
        }
        String uri = type == IntegrationType.MOCK ? "" : props.requiredString("IntegrationUri",
                type == IntegrationType.HTTP_PROXY ? "an http(s):// URL" : LAMBDA_FORMS);
        boolean http = LambdaUri.isHttp(uri);
        if (type == IntegrationType.HTTP_PROXY && !http) {
            throw context.source().error(props.value("IntegrationUri").orElseThrow(), props.path("IntegrationUri"),
                    "an http(s):// URL");
        }
        Optional<String> function = type == IntegrationType.AWS_PROXY && !http
                ? Optional.of(targets.function(props, "IntegrationUri", uri, LAMBDA_FORMS)) : Optional.empty();
        Optional<String> elsewhere = function.flatMap(targets::url);
        if (elsewhere.isPresent()) {
            uri = elsewhere.get(); // --function-url / --lambda-endpoint: called over HTTP, not run in-process
            function = Optional.empty();
        }
        return new IntegrationDefinition(resource.logicalId(), type, uri, function,
                props.string("IntegrationMethod", "an HTTP method such as POST").orElse("POST"),
                Duration.ofMillis(props.integer("TimeoutInMillis", 50, 29_000,
                        "a number of milliseconds from 50 to 29000").orElse(29_000)),
                props.stringMap("RequestTemplates", "a mapping of template keys to templates"),
                props.string("TemplateSelectionExpression", "a template selection expression"),
                responseTemplates,
                props.stringMap("RequestParameters", "a mapping of integration.request.* names to source expressions"));
    }

    private IntegrationType type(Props props) {
        String type = props.requiredString("IntegrationType", TYPES);
        return switch (type) {
            case "AWS_PROXY" -> IntegrationType.AWS_PROXY;
            case "HTTP_PROXY" -> IntegrationType.HTTP_PROXY;
            case "MOCK" -> IntegrationType.MOCK;
            case "AWS", "HTTP" -> IntegrationType.UNSUPPORTED;
            default -> throw context.source().error(props.value("IntegrationType").orElseThrow(),
                    props.path("IntegrationType"), TYPES);
        };
    }

    private void checkConnectionType(Props props) {
        props.string("ConnectionType", "INTERNET").filter(type -> !type.equals("INTERNET")).ifPresent(type -> {
            throw context.source().error(props.value("ConnectionType").orElseThrow(), props.path("ConnectionType"),
                    "INTERNET (VPC links are not supported)");
        });
    }
}
