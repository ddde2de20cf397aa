package io.socketway.functions;

import static java.util.Objects.requireNonNull;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionException;
import io.socketway.api.spi.Invocation;
import io.socketway.functions.bridge.FunctionEnvRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs one deployed Java function: one class loader, one handler instance, one environment.
 *
 * <p>Threading: {@link #invoke} is thread-safe and runs the handler on the calling thread, with the function's class
 * loader as the thread's context class loader. Concurrent invocations share the one handler instance, unlike Lambda,
 * which runs one invocation at a time per instance; handlers with mutable fields must be thread-safe here.
 * {@link #close} is idempotent; invocations after it fail.
 */
final class JavaDeployedFunction implements DeployedFunction {
    private final FunctionIdentity identity;
    private final HandlerAdapter handler;
    private final FunctionClassLoader loader;
    private final EventCodec codec;
    private final String functionKey;
    private final AtomicBoolean closed = new AtomicBoolean();

    JavaDeployedFunction(
            FunctionIdentity identity,
            HandlerAdapter handler,
            FunctionClassLoader loader,
            EventCodec codec,
            String functionKey) {
        this.identity = identity;
        this.handler = handler;
        this.loader = loader;
        this.codec = codec;
        this.functionKey = functionKey;
    }

    @Override
    public String name() {
        return identity.functionName();
    }

    @Override
    public byte[] invoke(byte[] eventJson, Invocation invocation) {
        requireNonNull(eventJson, "eventJson");
        requireNonNull(invocation, "invocation");
        if (closed.get()) {
            throw new FunctionException("java.lang.IllegalStateException", name() + ": closed (expected: open)");
        }
        FunctionContext context = new FunctionContext(identity, invocation);
        return ContextClassLoader.call(loader, () -> handler.invoke(eventJson, context));
    }

    @Override
    public boolean acceptsTrees() {
        return handler.acceptsTrees();
    }

    @Override
    public @Nullable Object invokeTree(Map<String, Object> event, Invocation invocation) {
        requireNonNull(event, "event");
        requireNonNull(invocation, "invocation");
        if (closed.get()) {
            throw new FunctionException("java.lang.IllegalStateException", name() + ": closed (expected: open)");
        }
        FunctionContext context = new FunctionContext(identity, invocation);
        return ContextClassLoader.call(loader, () -> handler.invokeTree(event, context));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            FunctionEnvRegistry.unregister(functionKey);
            codec.clear();
            loader.close();
        }
    }

    @Override
    public String toString() {
        return "JavaDeployedFunction[" + name() + "]";
    }
}
