package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment stage: the first path segment of the WebSocket and management URLs.
 *
 * @param name the stage name, {@code [A-Za-z0-9_-]{1,128}}
 * @param variables the stage variables, visible to functions as {@code stageVariables}
 * @param detailedMetrics {@code DefaultRouteSettings.DetailedMetricsEnabled}: metrics per route, as on AWS
 * @param routeDetailedMetrics {@code RouteSettings.{routeKey}.DetailedMetricsEnabled}, overriding the default per route
 * @param accessLogSettings {@code AccessLogSettings}: access logging of the stage, when present
 */
public record StageDefinition(String name, Map<String, String> variables, boolean detailedMetrics,
        Map<String, Boolean> routeDetailedMetrics, Optional<AccessLogSettings> accessLogSettings) {
    public StageDefinition {
        checkArgument(name.matches("[A-Za-z0-9_-]{1,128}"), "stage name: %s (expected: [A-Za-z0-9_-]{1,128})", name);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        routeDetailedMetrics = Map.copyOf(routeDetailedMetrics);
        notNull(accessLogSettings, "accessLogSettings");
    }

    /** Creates a stage without access logging. */
    public StageDefinition(String name, Map<String, String> variables, boolean detailedMetrics,
            Map<String, Boolean> routeDetailedMetrics) {
        this(name, variables, detailedMetrics, routeDetailedMetrics, Optional.empty());
    }

    /** Creates a stage without detailed (per-route) metrics. */
    public StageDefinition(String name, Map<String, String> variables) {
        this(name, variables, false, Map.of());
    }

    /** Returns a copy of this stage that writes access logs with {@code settings}. */
    public StageDefinition withAccessLogSettings(AccessLogSettings settings) {
        return new StageDefinition(name, variables, detailedMetrics, routeDetailedMetrics,
                Optional.of(notNull(settings, "settings")));
    }

    /** Returns true when metrics of {@code routeKey} carry a {@code route} tag on this stage. */
    public boolean detailedMetrics(String routeKey) {
        return routeDetailedMetrics.getOrDefault(routeKey, detailedMetrics);
    }
}
