package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A function of the template ({@code AWS::Serverless::Function} or {@code AWS::Lambda::Function}), with
 * {@code Globals.Function} already merged in.
 *
 * @param logicalId the resource's logical id
 * @param functionName {@code FunctionName}, or {@code {StackName}-{LogicalId}} when unset
 * @param handler {@code pkg.Class::method} or {@code pkg.Class}
 * @param runtime for example {@code java21}
 * @param codeUri absolute path of the jar, Lambda zip or directory ({@code CodeUri} resolved against the template)
 * @param environment {@code Environment.Variables}
 * @param timeout {@code Timeout} (Lambda default 3 s)
 * @param memorySizeMb {@code MemorySize} (Lambda default 128)
 * @param reservedConcurrentExecutions {@code ReservedConcurrentExecutions}, empty when unset (no cap)
 */
public record FunctionDefinition(
        String logicalId,
        String functionName,
        String handler,
        String runtime,
        Path codeUri,
        Map<String, String> environment,
        Duration timeout,
        int memorySizeMb,
        OptionalInt reservedConcurrentExecutions) {

    /** Lambda's default {@code Timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Lambda's default {@code MemorySize}. */
    public static final int DEFAULT_MEMORY_MB = 128;

    public FunctionDefinition {
        notNull(logicalId, "logicalId");
        notNull(functionName, "functionName");
        notNull(handler, "handler");
        notNull(runtime, "runtime");
        notNull(codeUri, "codeUri");
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        checkArgument(!timeout.isNegative() && !timeout.isZero(), "Timeout: %s (expected: > 0)", timeout);
        checkArgument(memorySizeMb >= 128, "MemorySize: %s (expected: >= 128)", memorySizeMb);
        notNull(reservedConcurrentExecutions, "reservedConcurrentExecutions");
    }
}
