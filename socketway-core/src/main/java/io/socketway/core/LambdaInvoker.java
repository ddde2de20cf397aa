package io.socketway.core;

/**
 * Calls a Lambda-style function: event JSON in, result JSON out. Implemented in-process ({@link InProcessInvoker}) and
 * over HTTP ({@link HttpLambdaInvoker}); integrations and authorizers share it.
 *
 * <p>Threading: thread-safe; {@link #invoke} blocks its virtual thread and enforces the timeout.
 */
interface LambdaInvoker {

    /** Calls the function and returns its result JSON. */
    byte[] invoke(byte[] event, String requestId) throws IntegrationException;

    /**
     * Calls the function and returns its result as a JSON-shaped tree ({@code null} for a JSON {@code null}).
     * Functions in this process that take trees get the event without any JSON written or parsed.
     */
    @org.jspecify.annotations.Nullable Object invokeTree(LambdaEvent event, String requestId) throws IntegrationException;

    /** Returns the function's name, for logs. */
    String name();
}
