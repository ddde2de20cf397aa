package io.socketway.functions;

import io.socketway.api.FunctionDefinition;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds what every {@code Context} of one deployed function reports: names, ARN, memory, and the SLF4J logger
 * {@code io.socketway.function.{FunctionName}} behind {@code LambdaLogger}.
 *
 * <p>Threading: immutable.
 *
 * @param functionName {@code FunctionName}
 * @param logGroupName {@code /aws/lambda/{FunctionName}}
 * @param logStreamName {@code yyyy/MM/dd/[$LATEST]{instance id}}, one per deployment as one per Lambda instance
 * @param invokedFunctionArn {@code arn:aws:lambda:{AWS_REGION}:{SOCKETWAY_ACCOUNT_ID}:function:{FunctionName}}
 * @param memoryLimitMb {@code MemorySize}
 * @param logger where {@code LambdaLogger} writes
 */
record FunctionIdentity(
        String functionName,
        String logGroupName,
        String logStreamName,
        String invokedFunctionArn,
        int memoryLimitMb,
        Logger logger) {
    static final String DEFAULT_REGION = "us-east-1";
    static final String DEFAULT_ACCOUNT = "123456789012";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    /** Returns a fresh log stream name, as a new Lambda instance gets. */
    static String newLogStreamName() {
        String instance = UUID.randomUUID().toString().replace("-", "");
        return LocalDate.now(ZoneOffset.UTC).format(DAY) + "/[" + FunctionEnvironment.VERSION + "]" + instance;
    }

    /** Returns the identity of {@code function}, reading region, account and log stream from its environment. */
    static FunctionIdentity of(FunctionDefinition function, Map<String, String> env) {
        String name = function.functionName();
        String region = env.getOrDefault("AWS_REGION", DEFAULT_REGION);
        String account = env.getOrDefault("SOCKETWAY_ACCOUNT_ID", DEFAULT_ACCOUNT);
        return new FunctionIdentity(
                name,
                FunctionEnvironment.logGroupName(function),
                env.get("AWS_LAMBDA_LOG_STREAM_NAME"),
                io.socketway.api.Partitions.arnPrefix("lambda", region) + account + ":function:" + name,
                function.memorySizeMb(),
                LoggerFactory.getLogger("io.socketway.function." + name));
    }
}
