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

    private static String frame(String message, String connectionId, String requestId) {
        return "{\"message\": \"" + message + "\", \"connectionId\":\"" + connectionId + "\", \"requestId\":\""
                + requestId + "\"}";
    }
}
