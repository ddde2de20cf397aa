package io.socketway.api.spi;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A function ready to be called with a Lambda event and answering with a Lambda response, both as JSON.
 *
 * <p>Threading: {@link #invoke} is thread-safe and blocks the calling thread until the function returns; the gateway
 * always calls it on a virtual thread, never on an event loop. The gateway enforces the timeout and the concurrency
 * cap around it; an implementation may additionally stop work once {@link Invocation#deadlineEpochMillis()} passes.
 */
public interface DeployedFunction extends AutoCloseable {

    /** Returns the function's name, as {@code AWS_LAMBDA_FUNCTION_NAME} shows it. */
    String name();

    /**
     * Calls the function with the event JSON and returns its result serialized as JSON (UTF-8), exactly as the Lambda
     * Java runtime would return it ({@code null} output gives the bytes {@code null}).
     *
     * @throws FunctionException when the function throws; the cause is the function's own exception
     */
    byte[] invoke(byte[] eventJson, Invocation invocation);

    /**
     * Returns true when {@link #invokeTree} is supported: the function takes its event and gives its result as plain
     * Java values, which spares the gateway writing and parsing JSON for in-process calls.
     */
    default boolean acceptsTrees() {
        return false;
    }

    /**
     * Calls the function with the event as a JSON-shaped tree and returns its result as one: {@code Map} (string
     * keys, in field order), {@code List}, {@code String}, {@code Integer}/{@code Long} and other {@code Number}s,
     * {@code Boolean} and {@code null}, exactly the values the JSON {@link #invoke} reads and writes would give. The
     * event tree belongs to this call (the function may keep or change it); the caller only reads the result.
     *
     * @throws FunctionException when the function throws
     * @throws UnsupportedOperationException unless {@link #acceptsTrees()}
     */
    default @Nullable Object invokeTree(Map<String, Object> event, Invocation invocation) {
        throw new UnsupportedOperationException(name() + " takes its event as JSON only");
    }

    /** Releases the function's class loader and resources. */
    @Override
    void close();
}
