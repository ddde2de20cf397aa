package io.socketway.core;

/** Builds the error frames AWS sends to clients (spec §1.3), with AWS's spacing. Stateless. */
final class ErrorFrames {
    private ErrorFrames() {}

    /** Returns the frame for a message no route matches when there is no {@code $default}. */
    static String forbidden(String connectionId, String requestId) {
        return frame("Forbidden", connectionId, requestId);
    }

    /** Returns the frame for an integration that failed. */
    static String internalServerError(String connectionId, String requestId) {
        return frame("Internal server error", connectionId, requestId);
    }

    /** Returns the frame for a message over the connection's rate limit (not dispatched). */
    static String tooManyRequests(String connectionId, String requestId) {
        return frame("Too Many Requests", connectionId, requestId);
    }

    /** Returns the message API Gateway gives with an error status ({@code $context.error.message}). */
    static String message(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 413 -> "Request Too Large";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            case 504 -> "Endpoint request timed out";
            default -> status >= 500 ? "Internal server error" : "Error";
        };
    }

    private static String frame(String message, String connectionId, String requestId) {
        return "{\"message\": \"" + message + "\", \"connectionId\":\"" + connectionId + "\", \"requestId\":\""
                + requestId + "\"}";
    }
}
