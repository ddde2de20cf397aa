package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deployment stage: the first path segment of the WebSocket and management URLs.
 *
 * @param name the stage name, {@code [A-Za-z0-9_-]{1,128}}
 * @param variables the stage variables, visible to functions as {@code stageVariables}
 */
public record StageDefinition(String name, Map<String, String> variables) {
    public StageDefinition {
        checkArgument(name.matches("[A-Za-z0-9_-]{1,128}"), "stage name: %s (expected: [A-Za-z0-9_-]{1,128})", name);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
