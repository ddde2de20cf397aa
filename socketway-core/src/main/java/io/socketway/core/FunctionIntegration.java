package io.socketway.core;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.Invocation;
import java.time.Duration;

/**
 * An {@code AWS_PROXY} integration backed by a function running in this process: the Lambda event goes in, the Lambda
 * response comes out. Enforces the shorter of the function's {@code Timeout} and the integration's
 * {@code TimeoutInMillis}, and the function's {@code ReservedConcurrentExecutions} (shared by every route using it).
 *
 * <p>Threading: thread-safe; {@link #invoke} blocks its virtual thread.
 */
final class FunctionIntegration implements Integration {
    private final DeployedFunction function;
    private final TimeLimiter limiter;
    private final Duration timeout;

    FunctionIntegration(DeployedFunction function, TimeLimiter limiter, Duration timeout) {
        this.function = function;
        this.limiter = limiter;
        this.timeout = timeout;
    }

    @Override
    public IntegrationResponse invoke(IntegrationEvent event) throws IntegrationException {
        byte[] payload = event.lambdaEvent().get();
        Invocation invocation = new Invocation(event.requestId(), System.currentTimeMillis() + timeout.toMillis());
        byte[] result = limiter.call("function " + function.name(), timeout, () -> function.invoke(payload, invocation));
        return LambdaResponses.parse(result);
    }
}
