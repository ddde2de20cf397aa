package io.socketway.api.spi;

/**
 * Thrown when a function fails: it threw, its output could not be serialized, or it could not be loaded. The message
 * is what Lambda would report as {@code errorMessage}; {@link #errorType()} is Lambda's {@code errorType}.
 */
public class FunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorType;

    /** Creates an exception with Lambda's {@code errorType} (for example the thrown class name) and message. */
    public FunctionException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    /** Creates an exception with Lambda's {@code errorType} and message. */
    public FunctionException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** Returns Lambda's {@code errorType}, for example {@code java.lang.IllegalStateException}. */
    public String errorType() {
        return errorType;
    }
}
