package io.socketway.core;

import java.util.Map;

/** What a {@code $connect} authorizer decided. */
sealed interface Authorization permits Authorization.Allowed, Authorization.Denied {

    /** Allowed: the context becomes {@code requestContext.authorizer} in every event of the connection. */
    record Allowed(Map<String, Object> context) implements Authorization {}

    /** Denied with an HTTP status (401, 403 or 500) and a JSON body; no connection, no {@code $disconnect}. */
    record Denied(int status, String body) implements Authorization {
        static final Denied UNAUTHORIZED = new Denied(401, "{\"message\":\"Unauthorized\"}");
        static final Denied FORBIDDEN = new Denied(403, "{\"message\":\"Forbidden\"}");
        static final Denied ERROR = new Denied(500, "{\"message\":null}");
    }
}
