package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import org.jspecify.annotations.Nullable;

/**
 * Reads the event into the handler's input type, calls the handler, and writes what it returns as JSON.
 *
 * <p>Threading: thread-safe.
 */
final class PojoHandlerAdapter implements HandlerAdapter {
    private final EventCodec.EventReader reader;
    private final PojoInvoker invoker;
    private final EventCodec codec;

    PojoHandlerAdapter(EventCodec.EventReader reader, PojoInvoker invoker, EventCodec codec) {
        this.reader = reader;
        this.invoker = invoker;
        this.codec = codec;
    }

    @Override
    public byte[] invoke(byte[] eventJson, Context context) {
        Object input = reader.read(eventJson);
        Object output;
        try {
            output = invoker.call(input, context);
        } catch (Throwable thrown) {
            throw HandlerAdapter.thrownByHandler(thrown);
        }
        return codec.write(output);
    }

    /** Calls a handler that takes an object (or nothing) and returns an object (or nothing, as {@code null}). */
    @FunctionalInterface
    interface PojoInvoker {
        /** Calls the handler; whatever it throws propagates. */
        @Nullable Object call(@Nullable Object input, Context context) throws Throwable;
    }
}
