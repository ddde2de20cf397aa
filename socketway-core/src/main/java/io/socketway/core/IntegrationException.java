package io.socketway.core;

/**
 * Thrown when an integration could not produce a response: the function threw, timed out, was throttled, or answered
 * with something that is not a Lambda response. The client then gets {@code Internal server error} (or HTTP 502 on
 * {@code $connect}).
 */
final class IntegrationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Kind kind;

    IntegrationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    IntegrationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
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
