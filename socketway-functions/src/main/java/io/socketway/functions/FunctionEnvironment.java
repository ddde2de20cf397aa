package io.socketway.functions;

import io.socketway.api.FunctionDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the variables a function sees through {@code System.getenv}, layered as on Lambda: host defaults
 * ({@code PATH}, {@code LANG}, {@code TZ}), then the gateway's variables (credentials, {@code AWS_REGION}, ...), then
 * Lambda's per-function variables, then the function's own {@code Environment.Variables}, which win (Lambda would
 * reject reserved names such as {@code AWS_REGION} there; Socketway lets them win).
 *
 * <p>Threading: stateless; the returned map is immutable.
 */
final class FunctionEnvironment {
    static final String VERSION = "$LATEST";
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin/:/bin:/opt/bin";

    private FunctionEnvironment() {}

    /** Returns the unmodifiable environment of {@code function}, whose log stream is {@code logStreamName}. */
    static Map<String, String> of(FunctionDefinition function, Map<String, String> gateway, String logStreamName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", hostPath());
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(gateway);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", VERSION);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroupName(function));
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", function.codeUri().toAbsolutePath().toString());
        if (env.containsKey("AWS_REGION")) {
            env.put("AWS_DEFAULT_REGION", env.get("AWS_REGION"));
        }
        env.putAll(function.environment());
        return Map.copyOf(env);
    }

    /** Returns Lambda's log group name for {@code function}: {@code /aws/lambda/{FunctionName}}. */
    static String logGroupName(FunctionDefinition function) {
        return "/aws/lambda/" + function.functionName();
    }

    private static String hostPath() {
        String path = System.getenv("PATH");
        return path == null ? DEFAULT_PATH : path;
    }
}
