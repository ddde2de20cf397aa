package io.socketway.template;

import io.socketway.api.IgnoredItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects what the gateway does not run, each path once, in the order found. Not thread-safe; one per load. */
final class IgnoredItems {
    /** Properties no one needs to hear about. */
    private static final Set<String> HARMLESS = Set.of("Description", "Tags");

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("Policies", "IAM policies are not enforced by Socketway"),
            Map.entry("Role", "IAM roles are not assumed by Socketway"),
            Map.entry("CredentialsArn", "IAM credentials are not used by Socketway"),
            Map.entry("Layers", "Lambda layers are not loaded; put dependencies in the function's jar"),
            Map.entry("Tracing", "X-Ray tracing is not emulated"),
            Map.entry("Architectures", "functions run on the gateway's JVM"),
            Map.entry("VpcConfig", "VPC settings do not apply to a self-hosted gateway"),
            Map.entry("AutoPublishAlias", "aliases and versions are not emulated; the function runs as written"),
            Map.entry("DeploymentPreference", "gradual deployments are not emulated"),
            Map.entry("Events", "SAM event sources are not run; WebSocket routes come from AWS::ApiGatewayV2::Route"));

    private final Map<String, String> items = new LinkedHashMap<>();

    /** Records {@code path} unless it is already recorded. */
    void add(String path, String reason) {
        items.putIfAbsent(path, reason);
    }

    /** Records every key of {@code props} that is neither in {@code used} nor harmless. */
    void unusedProperties(Props props, String type, Set<String> used) {
        for (String key : props.keys()) {
            if (!used.contains(key) && !HARMLESS.contains(key)) {
                add(props.path(key), REASONS.getOrDefault(key, key + " of " + type + " is not applied by Socketway"));
            }
        }
    }

    /** Returns the items in the order found. */
    List<IgnoredItem> list() {
        return items.entrySet().stream().map(e -> new IgnoredItem(e.getKey(), e.getValue())).toList();
    }
}
