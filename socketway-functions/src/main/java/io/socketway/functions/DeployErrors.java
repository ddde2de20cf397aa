package io.socketway.functions;

import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.FunctionException;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link FunctionException}s that {@code deploy} throws, worded {@code name: value (expected: ...)} where
 * the name is the function's logical id and the property at fault.
 *
 * <p>Threading: stateless.
 */
final class DeployErrors {
    private DeployErrors() {}

    /** Reports a {@code CodeUri} that cannot be read as a jar, Lambda zip or directory. */
    static FunctionException codeUri(FunctionDefinition function, String expected, @Nullable Throwable cause) {
        String type = cause == null ? "java.io.FileNotFoundException" : cause.getClass().getName();
        return error(type, function, "CodeUri", function.codeUri(), expected, cause);
    }

    /** Reports a {@code Handler} that names no usable class, method or constructor. */
    static FunctionException handler(
            FunctionDefinition function, String errorType, String expected, @Nullable Throwable cause) {
        return error(errorType, function, "Handler", function.handler(), expected, cause);
    }

    /** Reports a {@code Handler} whose class or method does not exist or has the wrong shape. */
    static FunctionException handlerShape(FunctionDefinition function, String expected) {
        return handler(function, "java.lang.NoSuchMethodException", expected, null);
    }

    /** Reports a {@code Handler} whose code threw while it was loaded or constructed. */
    static FunctionException handlerFailed(FunctionDefinition function, String expected, Throwable thrown) {
        String expectation = expected + "; it threw " + thrown;
        return handler(function, thrown.getClass().getName(), expectation, thrown);
    }

    /** Reports a {@code Runtime} this runtime does not run. */
    static FunctionException runtime(FunctionDefinition function, String expected) {
        return error("java.lang.IllegalArgumentException", function, "Runtime", function.runtime(), expected, null);
    }

    private static FunctionException error(
            String type,
            FunctionDefinition function,
            String property,
            Object value,
            String expected,
            @Nullable Throwable cause) {
        String message = function.logicalId() + "." + property + ": " + value + " (expected: " + expected + ")";
        return cause == null ? new FunctionException(type, message) : new FunctionException(type, message, cause);
    }
}
