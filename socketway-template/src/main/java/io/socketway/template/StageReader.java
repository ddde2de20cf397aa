package io.socketway.template;

import io.socketway.api.AccessLogSettings;
import io.socketway.api.StageDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the served API's stages from {@code AWS::ApiGatewayV2::Stage} resources and from the {@code StageName} of
 * {@code AWS::ApiGatewayV2::Deployment} resources, in file order. Without any, serves one stage named {@code local}.
 */
final class StageReader {
    /** The stage served when the template declares none. */
    static final String DEFAULT_STAGE = "local";

    private static final String STAGE_NAME = "a stage name of 1 to 128 letters, digits, '-' or '_'";
    private static final Set<String> STAGE_PROPERTIES = Set.of("ApiId", "StageName", "StageVariables", "DeploymentId",
            "AutoDeploy", "ClientCertificateId", "DefaultRouteSettings", "RouteSettings", "AccessLogSettings");
    private static final Set<String> ACCESS_LOG_PROPERTIES = Set.of("DestinationArn", "Format");
    private static final String FORMAT = "an access-log format of at most 3 KB containing $context.requestId or"
            + " $context.extendedRequestId, such as {\"requestId\":\"$context.requestId\"}";
    private static final Set<String> ROUTE_SETTINGS = Set.of("DetailedMetricsEnabled");
    private static final String BOOLEAN = "true or false";
    private static final Set<String> DEPLOYMENT_PROPERTIES = Set.of("ApiId", "StageName");

    private final LoadContext context;
    private final ServedApi api;
    private final Map<String, StageDefinition> stages = new LinkedHashMap<>();
    private final Map<String, Resource> declaredBy = new HashMap<>();

    private StageReader(LoadContext context, ServedApi api) {
        this.context = context;
        this.api = api;
    }

    /** Returns the stages, never empty. */
    static List<StageDefinition> read(LoadContext context, ServedApi api) {
        StageReader reader = new StageReader(context, api);
        for (Resource resource : context.active()) {
            if (resource.type().equals(ResourceTypes.STAGE) || resource.type().equals(ResourceTypes.DEPLOYMENT)) {
                reader.add(resource);
            }
        }
        if (reader.stages.isEmpty()) {
            context.ignored().add("Resources", "no AWS::ApiGatewayV2::Stage or Deployment with a StageName:"
                    + " serving one stage named '" + DEFAULT_STAGE + "'");
            return List.of(new StageDefinition(DEFAULT_STAGE, Map.of()));
        }
        return new ArrayList<>(reader.stages.values());
    }

    private void add(Resource resource) {
        Props props = context.props(resource);
        if (!api.serves(context, resource, props)) {
            return;
        }
        if (resource.type().equals(ResourceTypes.DEPLOYMENT)) {
            context.ignored().unusedProperties(props, resource.type(), DEPLOYMENT_PROPERTIES);
            name(props, false).ifPresent(name -> stages.putIfAbsent(name, new StageDefinition(name, Map.of())));
            return;
        }
        context.ignored().unusedProperties(props, resource.type(), STAGE_PROPERTIES);
        String name = name(props, true).orElseThrow();
        Resource earlier = declaredBy.putIfAbsent(name, resource);
        if (earlier != null) {
            throw context.source().error(props.value("StageName").orElseThrow(), props.path("StageName"),
                    "a stage name used once; " + earlier.logicalId() + " already declares it");
        }
        boolean detailed = props.mapping("DefaultRouteSettings", "a mapping of route settings")
                .map(settings -> detailedMetrics(settings).orElse(false))
                .orElse(false);
        stages.put(name, new StageDefinition(name, variables(props), detailed, routeDetailedMetrics(props),
                props.mapping("AccessLogSettings", "a mapping with Format and DestinationArn").map(this::accessLog)));
    }

    /** Reads {@code AccessLogSettings}: {@code Format} is required and checked as AWS checks it. */
    private AccessLogSettings accessLog(Props settings) {
        context.ignored().unusedProperties(settings, "access log settings", ACCESS_LOG_PROPERTIES);
        String format = settings.requiredString("Format", FORMAT);
        if (format.length() > AccessLogSettings.MAX_FORMAT_LENGTH
                || !(format.contains("$context.requestId") || format.contains("$context.extendedRequestId"))) {
            throw context.source().error(settings.value("Format").orElseThrow(), settings.path("Format"), FORMAT);
        }
        String destination = settings.string("DestinationArn", "the ARN of a CloudWatch Logs log group or a Firehose"
                + " stream").orElse("");
        return new AccessLogSettings(destination, format);
    }

    /** Reads {@code DetailedMetricsEnabled} from route settings; the other settings are listed as not applied. */
    private Optional<Boolean> detailedMetrics(Props settings) {
        context.ignored().unusedProperties(settings, "route settings", ROUTE_SETTINGS);
        return settings.string("DetailedMetricsEnabled", BOOLEAN).map(text -> switch (text) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw context.source().error(settings.value("DetailedMetricsEnabled").orElseThrow(),
                    settings.path("DetailedMetricsEnabled"), BOOLEAN);
        });
    }

    private Map<String, Boolean> routeDetailedMetrics(Props props) {
        Map<String, Boolean> byRoute = new LinkedHashMap<>();
        props.mapping("RouteSettings", "a mapping of route keys to route settings").ifPresent(routes -> {
            for (String routeKey : routes.keys()) {
                routes.mapping(routeKey, "a mapping of route settings such as DetailedMetricsEnabled: true")
                        .flatMap(this::detailedMetrics)
                        .ifPresent(enabled -> byRoute.put(routeKey, enabled));
            }
        });
        return byRoute;
    }

    private Optional<String> name(Props props, boolean required) {
        Optional<String> name = required ? Optional.of(props.requiredString("StageName", STAGE_NAME))
                : props.string("StageName", STAGE_NAME);
        name.filter(n -> !n.matches("[A-Za-z0-9_-]{1,128}")).ifPresent(n -> {
            throw context.source().error(props.value("StageName").orElseThrow(), props.path("StageName"), STAGE_NAME);
        });
        return name;
    }

    private Map<String, String> variables(Props props) {
        Map<String, String> variables = props.stringMap("StageVariables", "a mapping of variable names to values");
        if (props.value("StageVariables").orElse(null) instanceof Tree.Mapping mapping) {
            for (Tree.Entry entry : mapping.entries().values()) {
                if (!entry.key().matches("[A-Za-z0-9_]+")) {
                    throw context.source().error(entry.keyLine(), props.path("StageVariables") + "." + entry.key(),
                            Tree.Scalar.quote(entry.key()), "a stage variable name of letters, digits and '_'");
                }
            }
        }
        return variables;
    }
}
