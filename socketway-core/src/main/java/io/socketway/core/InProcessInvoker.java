package io.socketway.core;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.Invocation;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Calls a function deployed in this process, with its timeout and its {@code ReservedConcurrentExecutions} cap (the
 * limiter is shared by every route and authorizer using the function). Thread-safe.
 */
final class InProcessInvoker implements LambdaInvoker {
    private final DeployedFunction function;
    private final TimeLimiter limiter;
    private final Duration timeout;

    InProcessInvoker(DeployedFunction function, TimeLimiter limiter, Duration timeout) {
        this.function = function;
        this.limiter = limiter;
        this.timeout = timeout;
    }

    @Override
    public byte[] invoke(byte[] event, String requestId) throws IntegrationException {
        Invocation invocation = new Invocation(requestId, System.currentTimeMillis() + timeout.toMillis());
        return limiter.call("function " + function.name(), timeout, () -> function.invoke(event, invocation));
    }

    @Override
    public @Nullable Object invokeTree(LambdaEvent event, String requestId) throws IntegrationException {
        if (!function.acceptsTrees()) {
            return LambdaResponses.readTree(invoke(event.json(), requestId));
        }
        Invocation invocation = new Invocation(requestId, System.currentTimeMillis() + timeout.toMillis());
        return limiter.call("function " + function.name(), timeout,
                () -> function.invokeTree(event.tree(), invocation));
    }

    @Override
    public String name() {
        return function.name();
    }
}
