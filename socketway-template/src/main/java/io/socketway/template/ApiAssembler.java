package io.socketway.template;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizerDefinition;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns a read template into an {@link ApiDefinition}, one step per part of the API. One per load. */
final class ApiAssembler {
    private static final String SERVERLESS_TRANSFORM = "AWS::Serverless-2016-10-31";
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs");
    private static final Set<String> READ_BY_STEPS = Set.of(ResourceTypes.API, ResourceTypes.ROUTE,
            ResourceTypes.ROUTE_RESPONSE, ResourceTypes.INTEGRATION, ResourceTypes.INTEGRATION_RESPONSE,
            ResourceTypes.STAGE, ResourceTypes.DEPLOYMENT, ResourceTypes.SERVERLESS_FUNCTION,
            ResourceTypes.LAMBDA_FUNCTION, ResourceTypes.LAMBDA_PERMISSION, ResourceTypes.AUTHORIZER,
            AlarmReader.TYPE);

    private final LoadContext context;

    ApiAssembler(Template template) {
        this.context = LoadContext.of(template);
    }

    /** Returns the API the template defines. */
    ApiDefinition assemble(Optional<String> apiLogicalId) {
        Template template = context.template();
        noteSections();
        checkFunctionUrls();
        ServedApi api = ApiSelector.select(context, apiLogicalId);
        List<StageDefinition> stages = StageReader.read(context, api);
        Map<String, IntegrationDefinition> integrations = IntegrationReader.read(context, api, stages.get(0));
        Map<String, AuthorizerDefinition> authorizers = AuthorizerReader.read(context, api, stages.get(0));
        Set<String> calledInProcess = java.util.stream.Stream.concat(
                        integrations.values().stream().flatMap(i -> i.functionLogicalId().stream()),
                        authorizers.values().stream().flatMap(a -> a.functionLogicalId().stream()))
                .collect(Collectors.toSet());
        Map<String, FunctionDefinition> functions = FunctionReader.read(context, calledInProcess);
        Map<String, RouteDefinition> routes = RouteReader.read(context, api, integrations, authorizers);
        Map<String, AlarmDefinition> alarms = AlarmReader.read(context, api, stages, routes.keySet());
        noteOtherResources();
        Map<String, String> outputs = OutputReader.read(context);
        return new ApiDefinition(template.source().file(), api.resource().logicalId(), api.name(), api.apiId(),
                api.routeSelectionExpression(), stages, routes, functions, template.region(), template.accountId(),
                template.stackName(), context.ignored().list(), outputs, authorizers, alarms);
    }

    /** Every function the options send elsewhere must be a function of the template. */
    private void checkFunctionUrls() {
        List<String> functions = context.template().resources().all().stream().filter(Resource::isFunction)
                .map(Resource::logicalId).toList();
        for (var entry : context.template().options().functionUrls().entrySet()) {
            if (!functions.contains(entry.getKey())) {
                throw new IllegalArgumentException("--function-url: " + entry.getKey() + "=" + entry.getValue()
                        + " (expected: the logical id of a function in " + context.template().source().file() + ": "
                        + (functions.isEmpty() ? "(it has none)" : String.join(", ", functions)) + ")");
            }
        }
    }

    private void noteSections() {
        Tree.Mapping root = context.template().root();
        for (Tree.Entry entry : root.entries().values()) {
            if (entry.key().equals("Rules")) {
                context.ignored().add("Rules", "parameter rules (such as CDK's CheckBootstrapVersion) are checked by"
                        + " CloudFormation at deploy time, not by Socketway");
            } else if (!SECTIONS.contains(entry.key())) {
                context.ignored().add(entry.key(), "the " + entry.key() + " section is not applied by Socketway");
            }
        }
        root.get("Transform").ifPresent(this::noteTransforms);
    }

    private void noteTransforms(Tree transform) {
        List<Tree> names = transform instanceof Tree.Sequence sequence ? sequence.items() : List.of(transform);
        for (Tree name : names) {
            if (name instanceof Tree.Scalar scalar && scalar.text().equals("AWS::LanguageExtensions")) {
                context.ignored().add("Transform", "AWS::LanguageExtensions: Fn::ToJsonString, Fn::Length and"
                        + " Fn::FindInMap's DefaultValue are evaluated; Fn::ForEach is not");
            } else if (!(name instanceof Tree.Scalar scalar) || !scalar.text().equals(SERVERLESS_TRANSFORM)) {
                context.ignored().add("Transform", "only " + SERVERLESS_TRANSFORM
                        + " is understood; other transforms are not applied");
            }
        }
    }

    private void noteOtherResources() {
        for (Resource resource : context.active()) {
            if (!READ_BY_STEPS.contains(resource.type())) {
                context.ignored().add(resource.path(), resource.type() + " is not run by Socketway");
            }
        }
    }
}
