package io.socketway.api.spi;

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

    /** Releases the function's class loader and resources. */
    @Override
    void close();
}
