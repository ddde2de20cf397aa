package io.socketway.functions;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.util.Optional;

/** Enumerates the parameter lists a handler method may have, as Lambda accepts them. */
enum MethodShape {
    /** {@code ()}: the event is ignored. */
    NO_INPUT,
    /** {@code (I)}. */
    INPUT,
    /** {@code (I, Context)}. */
    INPUT_CONTEXT,
    /** {@code (InputStream, OutputStream)}. */
    STREAM,
    /** {@code (InputStream, OutputStream, Context)}. */
    STREAM_CONTEXT;

    /** Describes the accepted parameter lists, for error messages. */
    static final String EXPECTED = "(), (I), (I, Context), (InputStream, OutputStream) or (InputStream, OutputStream, Context)";

    /** Returns the shape of {@code method}'s parameters, or empty when Lambda could not call it. */
    static Optional<MethodShape> of(Method method) {
        Class<?>[] p = method.getParameterTypes();
        boolean streams = p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class;
        MethodShape shape = switch (p.length) {
            case 0 -> NO_INPUT;
            case 1 -> p[0] == Context.class ? null : INPUT;
            case 2 -> streams ? STREAM : p[1] == Context.class ? INPUT_CONTEXT : null;
            case 3 -> streams && p[2] == Context.class ? STREAM_CONTEXT : null;
            default -> null;
        };
        return Optional.ofNullable(shape);
    }

    /** Returns true for the stream shapes. */
    boolean isStream() {
        return this == STREAM || this == STREAM_CONTEXT;
    }
}
