package io.socketway.functions;

import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.Invocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Deploys functions with a real {@link JavaFunctionRuntime} and closes every one of them after each test.
 *
 * <p>Threading: deploy from the test thread; invoke from any thread.
 */
final class FunctionsExtension implements AfterEachCallback {
    /** What the gateway passes by default: region and credentials, as {@code socketway-core} does. */
    static final Map<String, String> GATEWAY_ENV = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ACCESS_KEY_ID", "AKIDGATEWAY",
            "AWS_SECRET_ACCESS_KEY", "gateway-secret",
            "AWS_SESSION_TOKEN", "gateway-token");

    private final JavaFunctionRuntime runtime = JavaFunctionRuntime.of();
    private final List<DeployedFunction> deployed = new ArrayList<>();

    /** Returns a definition named {@code logicalId} with Lambda's defaults and the {@code java21} runtime. */
    static FunctionDefinition definition(String logicalId, String handler, Path codeUri) {
        return definition(logicalId, handler, codeUri, Map.of());
    }

    /** Returns a definition with these {@code Environment.Variables}. */
    static FunctionDefinition definition(String logicalId, String handler, Path codeUri, Map<String, String> env) {
        return new FunctionDefinition(logicalId, "stack-" + logicalId, handler, "java21", codeUri, env,
                FunctionDefinition.DEFAULT_TIMEOUT, 256, OptionalInt.empty());
    }

    /** Deploys {@code handler} from {@code codeUri} with {@link #GATEWAY_ENV}. */
    DeployedFunction deploy(String logicalId, String handler, Path codeUri) {
        return deploy(definition(logicalId, handler, codeUri), GATEWAY_ENV);
    }

    /** Deploys {@code definition} with the gateway variables {@code environment}. */
    DeployedFunction deploy(FunctionDefinition definition, Map<String, String> environment) {
        DeployedFunction function = runtime.deploy(definition, environment);
        deployed.add(function);
        return function;
    }

    /** Invokes {@code function} with {@code eventJson}, a fresh request id and a minute to run. */
    static String invoke(DeployedFunction function, String eventJson) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), System.currentTimeMillis() + 60_000);
        return invoke(function, eventJson, invocation);
    }

    /** Invokes {@code function} with {@code eventJson} as {@code invocation}. */
    static String invoke(DeployedFunction function, String eventJson, Invocation invocation) {
        byte[] output = function.invoke(eventJson.getBytes(StandardCharsets.UTF_8), invocation);
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Returns the runtime, for tests that check deploy errors. */
    JavaFunctionRuntime runtime() {
        return runtime;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        deployed.forEach(DeployedFunction::close);
        deployed.clear();
    }
}
