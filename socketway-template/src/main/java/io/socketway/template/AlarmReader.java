package io.socketway.template;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.StageDefinition;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code AWS::CloudWatch::Alarm} resources on the served API's metrics: namespace {@code AWS/ApiGateway}
 * (AWS's WebSocket metrics) or {@code Socketway} (the gateway's own). Alarms on other namespaces, and API Gateway
 * alarms of the template's other APIs, are listed as ignored. Every property the gateway cannot evaluate is an error
 * naming the resource, the property and what was expected. One per load; not thread-safe.
 */
final class AlarmReader {
    static final String TYPE = "AWS::CloudWatch::Alarm";

    private static final Set<String> READ = Set.of("AlarmName", "AlarmDescription", "Namespace", "MetricName",
            "Dimensions", "Statistic", "ExtendedStatistic", "Period", "EvaluationPeriods", "DatapointsToAlarm",
            "Threshold", "ComparisonOperator", "TreatMissingData", "ActionsEnabled", "AlarmActions", "OKActions",
            "InsufficientDataActions", "Metrics", "ThresholdMetricId");
    private static final Set<String> STATISTICS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
    private static final String NAMESPACES = AlarmDefinition.AWS_NAMESPACE + " or " + AlarmDefinition.SOCKETWAY_NAMESPACE;
    private static final String OPERATORS = Arrays.stream(AlarmDefinition.Comparison.values()).map(Enum::name)
            .collect(Collectors.joining(", ")) + " (anomaly detection bands are not supported)";
    private static final String MISSING_DATA = "one of missing, ignore, breaching, notBreaching";
    private static final String PERIOD = "a number of seconds: 10, 20, 30 or a multiple of 60 up to 86400";

    private final LoadContext context;
    private final ServedApi api;
    private final List<StageDefinition> stages;
    private final Set<String> routeKeys;

    private AlarmReader(LoadContext context, ServedApi api, List<StageDefinition> stages, Set<String> routeKeys) {
        this.context = context;
        this.api = api;
        this.stages = stages;
        this.routeKeys = routeKeys;
    }

    /** Returns the alarms on the served API's metrics, by logical id, in file order. */
    static Map<String, AlarmDefinition> read(LoadContext context, ServedApi api, List<StageDefinition> stages,
            Set<String> routeKeys) {
        AlarmReader reader = new AlarmReader(context, api, stages, routeKeys);
        Map<String, AlarmDefinition> alarms = new LinkedHashMap<>();
        for (Resource resource : context.active(TYPE)) {
            reader.read(resource).ifPresent(alarm -> alarms.put(alarm.logicalId(), alarm));
        }
        return alarms;
    }

    private Optional<AlarmDefinition> read(Resource resource) {
        Props props = context.props(resource);
        refuse(props, "Metrics", "MetricName, Namespace and Dimensions (metric math alarms are not supported)");
        refuse(props, "ThresholdMetricId", "Threshold (anomaly detection bands are not supported)");
        String namespace = props.requiredString("Namespace", NAMESPACES);
        if (!AlarmDefinition.METRICS.containsKey(namespace)) {
            context.ignored().add(resource.path(), "alarm on " + namespace + " metrics: Socketway evaluates alarms on "
                    + NAMESPACES + " metrics only");
            return Optional.empty();
        }
        Optional<Map<String, String>> dimensions = dimensions(resource, props);
        if (dimensions.isEmpty()) {
            return Optional.empty();
        }
        context.ignored().unusedProperties(props, TYPE, READ);
        int evaluationPeriods = props.integer("EvaluationPeriods", 1, 100, "a number from 1 to 100").isPresent()
                ? props.integer("EvaluationPeriods", 1, 100, "a number from 1 to 100").getAsInt()
                : missing(props, "EvaluationPeriods", "a number from 1 to 100");
        int datapoints = props.integer("DatapointsToAlarm", 1, evaluationPeriods,
                "a number from 1 to EvaluationPeriods (" + evaluationPeriods + ")").orElse(evaluationPeriods);
        return Optional.of(new AlarmDefinition(resource.logicalId(),
                props.string("AlarmName", "a string").orElse(resource.logicalId()),
                props.string("AlarmDescription", "a string").orElse(""), namespace, metricName(props, namespace),
                dimensions.get(), statistic(props), period(props), evaluationPeriods, datapoints, threshold(props),
                comparison(props), missingData(props), actionsEnabled(props),
                props.stringList("AlarmActions", "an action ARN"), props.stringList("OKActions", "an action ARN"),
                props.stringList("InsufficientDataActions", "an action ARN")));
    }

    private void refuse(Props props, String key, String expected) {
        props.value(key).ifPresent(value -> {
            throw context.source().error(value, props.path(key), expected);
        });
    }

    private int missing(Props props, String key, String expected) {
        throw context.source().missing(props.line(), props.path(key), expected);
    }

    private String metricName(Props props, String namespace) {
        Set<String> known = AlarmDefinition.METRICS.get(namespace);
        String expected = "a " + namespace + " metric: " + String.join(", ", known);
        String name = props.requiredString("MetricName", expected);
        if (!known.contains(name)) {
            throw context.source().error(props.value("MetricName").orElseThrow(), props.path("MetricName"), expected);
        }
        return name;
    }

    /** Returns the dimensions, or empty when they name another API of the template (the alarm is then ignored). */
    private Optional<Map<String, String>> dimensions(Resource resource, Props props) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        Optional<Tree> value = props.value("Dimensions");
        if (value.isEmpty()) {
            return Optional.of(dimensions);
        }
        if (!(value.get() instanceof Tree.Sequence sequence)) {
            throw context.source().error(value.get(), props.path("Dimensions"), "a list of {Name, Value}");
        }
        for (int i = 0; i < sequence.items().size(); i++) {
            Tree item = sequence.items().get(i);
            String path = props.path("Dimensions") + "[" + i + "]";
            if (!(item instanceof Tree.Mapping mapping)) {
                throw context.source().error(item, path, "a mapping with Name and Value");
            }
            Props dimension = Props.of(context.intrinsics(), context.source(), path, item.line(), mapping);
            String name = dimension.requiredString("Name", "ApiId, ApiName, Stage or Route");
            String text = dimension.requiredString("Value", "a string");
            if (!dimensionMatches(resource, dimension, name, text)) {
                return Optional.empty();
            }
            dimensions.put(name, text);
        }
        return Optional.of(dimensions);
    }

    private boolean dimensionMatches(Resource resource, Props dimension, String name, String text) {
        Tree value = dimension.value("Value").orElseThrow();
        switch (name) {
            case "ApiId" -> {
                if (api.otherApis().containsKey(text)) {
                    context.ignored().add(resource.path(), "alarm on API " + api.otherApis().get(text)
                            + ", which Socketway does not serve");
                    return false;
                }
                expect(text.equals(api.apiId()), value, dimension.path("Value"),
                        "!Ref " + api.resource().logicalId() + " (the id of the served API)");
            }
            case "ApiName" -> expect(text.equals(api.name()), value, dimension.path("Value"),
                    "the served API's Name: " + api.name());
            case "Stage" -> expect(stages.stream().anyMatch(s -> s.name().equals(text)), value,
                    dimension.path("Value"), "a stage of the API: "
                            + stages.stream().map(StageDefinition::name).collect(Collectors.joining(", ")));
            case "Route" -> expect(routeKeys.contains(text), value, dimension.path("Value"),
                    "a route key of the API: " + String.join(", ", routeKeys));
            default -> throw context.source().error(dimension.value("Name").orElseThrow(), dimension.path("Name"),
                    "ApiId, ApiName, Stage or Route");
        }
        return true;
    }

    private void expect(boolean ok, Tree value, String path, String expected) {
        if (!ok) {
            throw context.source().error(value, path, expected);
        }
    }

    private String statistic(Props props) {
        Optional<String> plain = props.string("Statistic", String.join(", ", STATISTICS));
        Optional<String> extended = props.string("ExtendedStatistic", "a percentile such as p99");
        if (plain.isPresent() && extended.isPresent()) {
            throw context.source().error(props.value("ExtendedStatistic").orElseThrow(),
                    props.path("ExtendedStatistic"), "either Statistic or ExtendedStatistic, not both");
        }
        if (plain.isPresent()) {
            expect(STATISTICS.contains(plain.get()), props.value("Statistic").orElseThrow(), props.path("Statistic"),
                    "one of SampleCount, Average, Sum, Minimum, Maximum");
            return plain.get();
        }
        if (extended.isPresent()) {
            String p = extended.get();
            boolean ok = p.matches("p(100|\\d{1,2}(\\.\\d{1,10})?)");
            expect(ok, props.value("ExtendedStatistic").orElseThrow(), props.path("ExtendedStatistic"),
                    "a percentile from p0 to p100 such as p99 or p99.9 (trimmed means and other extended statistics"
                            + " are not supported)");
            return p;
        }
        throw context.source().missing(props.line(), props.path("Statistic"),
                "Statistic (SampleCount, Average, Sum, Minimum, Maximum) or ExtendedStatistic (such as p99)");
    }

    private int period(Props props) {
        int period = props.integer("Period", 1, 86_400, PERIOD).orElseGet(() -> missing(props, "Period", PERIOD));
        boolean ok = period == 10 || period == 20 || period == 30 || period % 60 == 0;
        expect(ok, props.value("Period").orElseThrow(), props.path("Period"), PERIOD);
        return period;
    }

    private double threshold(Props props) {
        String expected = "a number";
        Tree value = props.value("Threshold").orElseThrow(() ->
                context.source().missing(props.line(), props.path("Threshold"), expected));
        if (value instanceof Tree.Scalar scalar) {
            try {
                double number = Double.parseDouble(scalar.text().trim());
                if (Double.isFinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw context.source().error(value, props.path("Threshold"), expected);
    }

    private AlarmDefinition.Comparison comparison(Props props) {
        String text = props.requiredString("ComparisonOperator", OPERATORS);
        return Arrays.stream(AlarmDefinition.Comparison.values()).filter(c -> c.name().equals(text)).findFirst()
                .orElseThrow(() -> context.source().error(props.value("ComparisonOperator").orElseThrow(),
                        props.path("ComparisonOperator"), OPERATORS));
    }

    private AlarmDefinition.MissingData missingData(Props props) {
        Optional<String> text = props.string("TreatMissingData", MISSING_DATA);
        if (text.isEmpty()) {
            return AlarmDefinition.MissingData.missing;
        }
        return Arrays.stream(AlarmDefinition.MissingData.values()).filter(m -> m.name().equals(text.get()))
                .findFirst().orElseThrow(() -> context.source().error(props.value("TreatMissingData").orElseThrow(),
                        props.path("TreatMissingData"), MISSING_DATA));
    }

    private boolean actionsEnabled(Props props) {
        Optional<String> text = props.string("ActionsEnabled", "true or false");
        if (text.isEmpty()) {
            return true;
        }
        return switch (text.get()) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE" -> false;
            default -> throw context.source().error(props.value("ActionsEnabled").orElseThrow(),
                    props.path("ActionsEnabled"), "true or false");
        };
    }
}
