package io.socketway.security.jwt;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Tells whether a token passed {@link JwtVerifier#verify}, and with which claims. Immutable. */
public sealed interface JwtResult permits JwtResult.Valid, JwtResult.Invalid {

    /**
     * Carries the claims of a token that passed, spelled as API Gateway's HTTP APIs spell
     * {@code requestContext.authorizer.jwt.claims}: every value is a string.
     *
     * <p>Strings stay as they are; numbers keep their decimal form ({@code "exp": "1612061676"}); booleans become
     * {@code "true"}/{@code "false"}. Arrays and objects take the form API Gateway was seen to produce (Go's
     * {@code %v}): {@code ["a","b"]} becomes {@code "[a b]"} and {@code {"k":"v","a":1}} becomes
     * {@code "map[a:1 k:v]"} (keys sorted), nested alike; a {@code null} inside them prints {@code <nil>}, and a
     * claim whose value is {@code null} is left out. The claims keep the token's order.
     *
     * @param claims the stringified claims; every value is a {@link String}
     * @param scopes the token's scopes, from {@code scope} (space-separated) or else {@code scp} (an array)
     */
    record Valid(Map<String, Object> claims, List<String> scopes) implements JwtResult {
        public Valid {
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(notNull(claims, "claims")));
            scopes = List.copyOf(notNull(scopes, "scopes"));
        }

        /**
         * Returns the value for an event's {@code requestContext.authorizer}:
         * {@code {"jwt": {"claims": {...}, "scopes": [...]}}}, with {@code scopes} a JSON {@code null} when the token
         * has none, as API Gateway sends it.
         */
        public Map<String, Object> authorizer() {
            Map<String, @Nullable Object> jwt = new LinkedHashMap<>();
            jwt.put("claims", claims);
            jwt.put("scopes", scopes.isEmpty() ? null : scopes);
            return Map.of("jwt", Collections.unmodifiableMap(jwt));
        }
    }

    /**
     * Refuses the connection with {@code status}: 401 for a missing, malformed, forged, expired or foreign token,
     * 403 for a good token that lacks every required scope.
     *
     * @param status the HTTP status for the upgrade response
     * @param reason why, for the gateway's log; never send it to the client
     */
    record Invalid(int status, String reason) implements JwtResult {
        public Invalid {
            checkArgument(status == 401 || status == 403, "status: %s (expected: 401 or 403)", status);
            notNull(reason, "reason");
        }

        /** Returns a 401 with {@code reason}. */
        public static Invalid unauthorized(String reason) {
            return new Invalid(401, reason);
        }

        /** Returns a 403 with {@code reason}. */
        public static Invalid forbidden(String reason) {
            return new Invalid(403, reason);
        }
    }
}
