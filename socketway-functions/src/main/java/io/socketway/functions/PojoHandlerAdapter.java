package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
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
        Object input = reader.readJson(eventJson);
        Object output;
        try {
            output = invoker.call(input, context);
        } catch (Throwable thrown) {
            throw HandlerAdapter.thrownByHandler(thrown);
        }
        return codec.write(output);
    }

    @Override
    public boolean acceptsTrees() {
        return true;
    }

    @Override
    public @Nullable Object invokeTree(Map<String, Object> event, Context context) {
        Object input = reader.readTree(event);
        Object output;
        try {
            output = invoker.call(input, context);
        } catch (Throwable thrown) {
            throw HandlerAdapter.thrownByHandler(thrown);
        }
        return codec.toTree(output);
    }

    /** Calls a handler that takes an object (or nothing) and returns an object (or nothing, as {@code null}). */
    @FunctionalInterface
    interface PojoInvoker {
        /** Calls the handler; whatever it throws propagates. */
        @Nullable Object call(@Nullable Object input, Context context) throws Throwable;
    }
}
