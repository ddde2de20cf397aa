package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.socketway.api.spi.Invocation;
import org.jspecify.annotations.Nullable;

/**
 * Describes one invocation to the handler, as Lambda's {@link Context}. {@link #getRemainingTimeInMillis} counts down to the invocation's
 * deadline and stops at zero; there is no Cognito identity or mobile client context, as for API Gateway events.
 *
 * <p>Threading: immutable and thread-safe.
 */
final class FunctionContext implements Context {
    private final FunctionIdentity identity;
    private final Invocation invocation;
    private final LambdaLogger logger;

    FunctionContext(FunctionIdentity identity, Invocation invocation) {
        this.identity = identity;
        this.invocation = invocation;
        this.logger = new FunctionLogger(identity.logger(), invocation.requestId());
    }

    @Override
    public String getAwsRequestId() {
        return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
        return identity.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return identity.logStreamName();
    }

    @Override
    public String getFunctionName() {
        return identity.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return FunctionEnvironment.VERSION;
    }

    @Override
    public String getInvokedFunctionArn() {
        return identity.invokedFunctionArn();
    }

    @Override
    public @Nullable CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public @Nullable ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = invocation.deadlineEpochMillis() - System.currentTimeMillis();
        return Math.clamp(remaining, 0, Integer.MAX_VALUE);
    }

    @Override
    public int getMemoryLimitInMB() {
        return identity.memoryLimitMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    @Override
    public String toString() {
        return "FunctionContext[" + identity.functionName() + ", requestId=" + invocation.requestId() + "]";
    }
}
