package io.socketway.functions;

import static java.util.Objects.requireNonNull;

import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionRuntime;
import io.socketway.functions.bridge.FunctionEnvRegistry;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs Java Lambda handlers ({@code java8.al2}, {@code java11}, {@code java17}, {@code java21}, {@code java25})
 * in this JVM, as Lambda's Java runtime runs them in a container.
 *
 * <p>Each function gets its own class loader over its {@code CodeUri} (a jar, a Lambda zip with {@code lib/*.jar}, or
 * a directory), child-first over the platform class loader, so neither the gateway's libraries nor other functions'
 * classes are visible; only the {@code aws-lambda-java-core} interfaces are shared with the gateway. Each function sees
 * its own environment through {@code System.getenv}: the loader rewrites those calls at class-load time. The handler
 * ({@code pkg.Class::method} or {@code pkg.Class}) is instantiated once per deployed function, as in a warm Lambda
 * container, and its input and output are marshalled with Jackson configured as Lambda's.
 *
 * <p>Differences from Lambda, by design or as limits:
 * <ul>
 *   <li>Concurrent invocations share the one handler instance (see below).
 *   <li>Only code the function's loader defines sees the function's environment: reflective calls to
 *       {@code System.getenv}, {@code ProcessBuilder.environment()} and JDK code (for example the default time zone,
 *       which ignores {@code TZ}) see the gateway's.
 *   <li>For a jar or zip, {@code LAMBDA_TASK_ROOT} is the archive itself: classes and resources are read in place,
 *       not extracted; read bundled files with {@code getResourceAsStream}.
 *   <li>Jackson is configured as Lambda's except that creators are detected (records work as input) and the
 *       {@code java.time} and {@code Optional} modules are not registered.
 *   <li>{@code LambdaRuntime.getLogger()} still writes to standard output; {@code Context.getLogger()} goes to SLF4J.
 * </ul>
 *
 * <p>Threading: thread-safe and stateless. {@link #deploy} blocks on I/O and runs the function's static initializers
 * and constructor on the calling thread. The returned function's {@code invoke} is thread-safe and runs the handler on
 * the calling thread; concurrent invocations share the one handler instance (Lambda runs one invocation per instance
 * at a time, Socketway does not).
 */
public final class JavaFunctionRuntime implements FunctionRuntime {
    private static final Set<String> RUNTIMES = Set.of("java8.al2", "java11", "java17", "java21", "java25");
    private static final String EXPECTED_RUNTIMES = "one of java8.al2, java11, java17, java21, java25";

    /** Creates a runtime; it holds no state, so one instance can deploy every Java function. */
    public JavaFunctionRuntime() {}

    /** Returns a new runtime, the same as the constructor. */
    public static JavaFunctionRuntime of() {
        return new JavaFunctionRuntime();
    }

    @Override
    public boolean supports(String runtime) {
        return RUNTIMES.contains(requireNonNull(runtime, "runtime"));
    }

    @Override
    public DeployedFunction deploy(FunctionDefinition definition, Map<String, String> environment) {
        requireNonNull(definition, "definition");
        requireNonNull(environment, "environment");
        if (!supports(definition.runtime())) {
            throw DeployErrors.runtime(definition, EXPECTED_RUNTIMES);
        }
        HandlerName handlerName = HandlerName.parse(definition.handler())
                .orElseThrow(() -> DeployErrors.handler(
                        definition, "java.lang.IllegalArgumentException", "pkg.Class::method or pkg.Class", null));
        Map<String, String> env = FunctionEnvironment.of(definition, environment, FunctionIdentity.newLogStreamName());
        String functionKey = definition.logicalId() + "@" + UUID.randomUUID();
        FunctionClassLoader loader = new FunctionClassLoader(
                definition.functionName(), FunctionCode.open(definition), new GetenvRewriter(functionKey));
        FunctionEnvRegistry.register(functionKey, env);
        try {
            EventCodec codec = EventCodec.create(loader);
            HandlerAdapter handler = ContextClassLoader.call(
                    loader, () -> new HandlerResolver(definition, loader, codec).resolve(handlerName));
            return new JavaDeployedFunction(FunctionIdentity.of(definition, env), handler, loader, codec, functionKey);
        } catch (RuntimeException | Error e) {
            FunctionEnvRegistry.unregister(functionKey);
            loader.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "JavaFunctionRuntime" + RUNTIMES;
    }
}
