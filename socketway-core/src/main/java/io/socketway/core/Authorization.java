package io.socketway.core;

import java.util.Map;
import java.util.Optional;

/** What a {@code $connect} authorizer decided. */
sealed interface Authorization permits Authorization.Allowed, Authorization.Denied {

    /**
     * Allowed.
     *
     * @param context becomes {@code requestContext.authorizer} in every event of the connection (empty: none)
     * @param identity extra {@code requestContext.identity} fields, e.g. {@code accessKey} and {@code user} for IAM
     * @param subprotocol the {@code Sec-WebSocket-Protocol} to answer with when {@code $connect} names none (a JWT
     *     carried as a subprotocol must never be echoed; the client's application protocol is)
     */
    record Allowed(Map<String, Object> context, Map<String, String> identity, Optional<String> subprotocol)
            implements Authorization {
        Allowed(Map<String, Object> context) {
            this(context, Map.of(), Optional.empty());
        }
    }

    /** Denied with an HTTP status (401, 403 or 500) and a JSON body; no connection, no {@code $disconnect}. */
    record Denied(int status, String body) implements Authorization {
        static final Denied UNAUTHORIZED = new Denied(401, "{\"message\":\"Unauthorized\"}");
        static final Denied FORBIDDEN = new Denied(403, "{\"message\":\"Forbidden\"}");
        static final Denied ERROR = new Denied(500, "{\"message\":null}");
    }
}
