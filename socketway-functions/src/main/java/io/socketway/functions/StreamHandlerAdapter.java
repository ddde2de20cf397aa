package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Hands the event bytes to the handler as an {@link InputStream} and returns exactly what it writes to the
 * {@link OutputStream} (possibly nothing), as Lambda does for {@code RequestStreamHandler}.
 *
 * <p>Threading: thread-safe; each call has its own streams.
 */
final class StreamHandlerAdapter implements HandlerAdapter {
    private final StreamInvoker invoker;

    StreamHandlerAdapter(StreamInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public byte[] invoke(byte[] eventJson, Context context) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            invoker.call(new ByteArrayInputStream(eventJson), output, context);
        } catch (Throwable thrown) {
            throw HandlerAdapter.thrownByHandler(thrown);
        }
        return output.toByteArray();
    }

    @Override
    public boolean acceptsTrees() {
        return false;
    }

    @Override
    public Object invokeTree(java.util.Map<String, Object> event, Context context) {
        throw new UnsupportedOperationException("a stream handler reads its event as bytes");
    }

    /** Calls a handler that reads the event from a stream and writes its output to another. */
    @FunctionalInterface
    interface StreamInvoker {
        /** Calls the handler; whatever it throws propagates. */
        void call(InputStream input, OutputStream output, Context context) throws Throwable;
    }
}
