package io.socketway.core;

import io.socketway.api.spi.FunctionException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an integration could not produce a response: the function threw, timed out, was throttled, or answered
 * with something that is not a Lambda response. The client then gets {@code Internal server error} (or HTTP 502 on
 * {@code $connect}).
 */
final class IntegrationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Kind kind;
    private final @Nullable String functionMessage;

    IntegrationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.functionMessage = cause instanceof FunctionException f ? f.getMessage() : null;
    }

    IntegrationException(Kind kind, String message) {
        this(kind, message, (String) null);
    }

    IntegrationException(Kind kind, String message, @Nullable String functionMessage) {
        super(message);
        this.kind = kind;
        this.functionMessage = functionMessage;
    }

    Kind kind() {
        return kind;
    }

    /** Returns the function's own error message ({@code errorMessage} on Lambda), when the function failed. */
    Optional<String> functionMessage() {
        return Optional.ofNullable(functionMessage);
    }

    /** Why the integration failed; also the metric tag. */
    enum Kind {
        FUNCTION_ERROR,
        TIMEOUT,
        THROTTLED,
        INVALID_RESPONSE,
        BACKEND_UNREACHABLE
    }
}
