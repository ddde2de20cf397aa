package io.socketway.template;

import io.socketway.api.FunctionDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code AWS::Serverless::Function} (with {@code Globals.Function} merged in) and {@code AWS::Lambda::Function}
 * resources. Java functions become {@link FunctionDefinition}s; other runtimes are ignored unless an in-process
 * {@code AWS_PROXY} integration calls them, which is an error.
 */
final class FunctionReader {
    private static final Set<String> JAVA_RUNTIMES = Set.of("java8.al2", "java11", "java17", "java21", "java25");
    private static final String JAVA = "one of java8.al2, java11, java17, java21, java25";
    private static final Set<String> USED = Set.of("Handler", "Runtime", "CodeUri", "Code", "InlineCode",
            "FunctionName", "Environment", "Timeout", "MemorySize", "ReservedConcurrentExecutions", "PackageType");
    private static final Set<String> SERVED_GLOBALS = Set.of("Function");

    private final LoadContext context;
    private final Optional<Props> globals;
    private final FunctionCode code;

    private FunctionReader(LoadContext context) {
        this.context = context;
        this.globals = globals(context);
        this.code = new FunctionCode(context);
    }

    /** Returns the Java functions by logical id; {@code calledInProcess} names those AWS_PROXY integrations call. */
    static Map<String, FunctionDefinition> read(LoadContext context, Set<String> calledInProcess) {
        FunctionReader reader = new FunctionReader(context);
        Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        for (Resource resource : context.active()) {
            if (resource.isFunction()) {
                reader.function(resource, calledInProcess.contains(resource.logicalId()))
                        .ifPresent(function -> functions.put(resource.logicalId(), function));
            }
        }
        return functions;
    }

    private static Optional<Props> globals(LoadContext context) {
        return globals(context, true);
    }

    /** Returns {@code Globals.Function}; {@code note} lists what of the section is not applied (once per load). */
    private static Optional<Props> globals(LoadContext context, boolean note) {
        Optional<Tree.Mapping> section = context.template().section("Globals");
        if (note) {
            section.ifPresent(mapping -> mapping.entries().keySet().stream().filter(key -> !SERVED_GLOBALS.contains(key))
                    .forEach(key -> context.ignored().add("Globals." + key, "Globals." + key
                            + " applies to resources Socketway does not run")));
        }
        Optional<Props> function = section.flatMap(mapping -> Props.of(context.intrinsics(), context.source(), "Globals",
                mapping.line(), mapping).mapping("Function", "a mapping of function properties"));
        if (note) {
            function.ifPresent(props -> context.ignored().unusedProperties(props, "Globals.Function", USED));
        }
        return function;
    }

    /** Returns true when the function's {@code Runtime} (or {@code Globals.Function}'s) is a Java runtime. */
    static boolean isJava(LoadContext context, Resource resource) {
        Props own = context.props(resource);
        Optional<Props> defaults = resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION) ? globals(context,
                false) : Optional.empty();
        Props props = defaults.isPresent() ? own.over(defaults.get()) : own;
        return props.string("Runtime", "a runtime such as java21").filter(JAVA_RUNTIMES::contains).isPresent();
    }

    private Optional<FunctionDefinition> function(Resource resource, boolean calledInProcess) {
        Props own = context.props(resource);
        Props props = resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION) && globals.isPresent()
                ? own.over(globals.get()) : own;
        Optional<String> runtime = props.string("Runtime", "a runtime such as java21");
        if (runtime.filter(JAVA_RUNTIMES::contains).isEmpty()) {
            rejectOrIgnore(resource, props, runtime, calledInProcess);
            return Optional.empty();
        }
        Optional<String> elsewhere = context.template().options().functionUrls().containsKey(resource.logicalId())
                ? Optional.of(context.template().options().functionUrls().get(resource.logicalId())) : Optional.empty();
        if (elsewhere.isPresent()) {
            context.ignored().add(resource.path(), resource.type() + " runs elsewhere: called at " + elsewhere.get());
            return Optional.empty();
        }
        context.ignored().unusedProperties(own, resource.type(), USED);
        return Optional.of(new FunctionDefinition(
                resource.logicalId(),
                context.references().functionName(resource),
                props.requiredString("Handler", "a handler such as com.example.ChatHandler::handleRequest"),
                runtime.get(),
                code.path(resource, props, calledInProcess),
                environment(own, resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION) ? globals : Optional.empty()),
                Duration.ofSeconds(props.integer("Timeout", 1, 900, "a number of seconds from 1 to 900")
                        .orElse((int) FunctionDefinition.DEFAULT_TIMEOUT.toSeconds())),
                props.integer("MemorySize", 128, 10_240, "a number of megabytes from 128 to 10240")
                        .orElse(FunctionDefinition.DEFAULT_MEMORY_MB),
                reservedConcurrency(props)));
    }

    private void rejectOrIgnore(Resource resource, Props props, Optional<String> runtime, boolean calledInProcess) {
        if (calledInProcess) {
            String expected = JAVA + " for a function that runs in-process; run functions in other languages"
                    + " elsewhere and call them over HTTP: --lambda-endpoint http://127.0.0.1:3001 (sam local"
                    + " start-lambda), --function-url " + resource.logicalId() + "=http://..., or an http:// URL as the"
                    + " integration's IntegrationUri or the authorizer's AuthorizerUri";
            throw props.value("Runtime").map(value -> context.source().error(value, props.path("Runtime"), expected))
                    .orElseGet(() -> context.source().missing(props.line(), props.path("Runtime"), expected));
        }
        Optional<String> elsewhere = context.template().options().urlOf(resource.logicalId(), false);
        context.ignored().add(resource.path(), elsewhere.isPresent()
                ? resource.type() + " with Runtime " + runtime.orElse("(none)") + " runs elsewhere: called at "
                        + elsewhere.get()
                : resource.type() + " with Runtime " + runtime.orElse("(none)") + " is not run: only Java functions"
                        + " run in-process, and no AWS_PROXY integration calls it (--lambda-endpoint or --function-url"
                        + " can call it where it runs)");
    }

    private Map<String, String> environment(Props own, Optional<Props> defaults) {
        Map<String, String> variables = new LinkedHashMap<>();
        defaults.ifPresent(props -> variables.putAll(variables(props)));
        variables.putAll(variables(own));
        return variables;
    }

    private static Map<String, String> variables(Props props) {
        return props.mapping("Environment", "a mapping with Variables")
                .map(environment -> environment.stringMap("Variables", "a mapping of variable names to values"))
                .orElse(Map.of());
    }

    private static OptionalInt reservedConcurrency(Props props) {
        return props.integer("ReservedConcurrentExecutions", 0, 1_000_000, "a number from 0 to 1000000");
    }
}
