package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.socketway.api.spi.FunctionException;

/**
 * Calls a resolved handler with event JSON and returns its output JSON: {@link PojoHandlerAdapter} for handlers that
 * take and return objects, {@link StreamHandlerAdapter} for handlers that read and write streams.
 *
 * <p>Threading: thread-safe; runs the handler on the calling thread.
 */
sealed interface HandlerAdapter permits PojoHandlerAdapter, StreamHandlerAdapter {

    /**
     * Runs the handler.
     *
     * @throws FunctionException when the event cannot be read, the handler throws, or the output cannot be written
     */
    byte[] invoke(byte[] eventJson, Context context);

    /** Returns true when {@link #invokeTree} is supported (object handlers; stream handlers read bytes). */
    boolean acceptsTrees();

    /**
     * Runs the handler with the event as a JSON-shaped tree and returns its output as one (see
     * {@link io.socketway.api.spi.DeployedFunction#invokeTree}).
     *
     * @throws FunctionException when the event does not fit, the handler throws, or the output cannot be converted
     * @throws UnsupportedOperationException unless {@link #acceptsTrees()}
     */
    @org.jspecify.annotations.Nullable Object invokeTree(java.util.Map<String, Object> event, Context context);

    /**
     * Returns the exception that reports {@code thrown} as Lambda would: its class name and message (the class name
     * again when it has no message). Errors are reported too, so a failing function never takes the gateway down.
     */
    static FunctionException thrownByHandler(Throwable thrown) {
        if (thrown instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String type = thrown.getClass().getName();
        String message = thrown.getMessage();
        return new FunctionException(type, message == null ? type : message, thrown);
    }
}
