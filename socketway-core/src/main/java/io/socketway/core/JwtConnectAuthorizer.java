package io.socketway.core;

import io.socketway.api.AuthorizerDefinition;
import io.socketway.security.jwt.JwtResult;
import io.socketway.security.jwt.JwtVerifier;
import io.socketway.security.jwt.TokenLocator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code JWT} authorizer on {@code $connect} (AWS has it for HTTP APIs; Socketway for WebSockets): the token is read
 * from the identity source (header, query string, or a {@code jwt.<token>} subprotocol for browsers), verified, and
 * its claims become {@code requestContext.authorizer.jwt.claims} as on HTTP APIs. No token or a bad one gives 401.
 *
 * <p>Threading: thread-safe; may block briefly on a JWKS fetch, always on a virtual thread.
 */
final class JwtConnectAuthorizer implements ConnectAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(JwtConnectAuthorizer.class);

    private final AuthorizerDefinition definition;
    private final JwtVerifier verifier;
    private final TokenLocator locator;

    JwtConnectAuthorizer(AuthorizerDefinition definition, JwtVerifier verifier) {
        this.definition = definition;
        this.verifier = verifier;
        this.locator = TokenLocator.parse(definition.identitySource().get(0));
    }

    @Override
    public Authorization authorize(Connection connection, HandshakeRequest handshake, String requestId) {
        Optional<String> token = locator.find(handshake::header, name -> last(handshake.query().get(name)));
        if (token.isEmpty()) {
            return Authorization.Denied.UNAUTHORIZED;
        }
        return switch (verifier.verify(token.get())) {
            case JwtResult.Valid valid -> new Authorization.Allowed(valid.authorizer(), Map.of(),
                    locator.subprotocolToEcho(handshake::header));
            case JwtResult.Invalid invalid -> {
                LOG.info("JWT authorizer {} refused {} from {} (request {}): {}", definition.name(), connection.id(),
                        connection.sourceIp(), requestId, invalid.reason());
                yield invalid.status() == 403 ? Authorization.Denied.FORBIDDEN : Authorization.Denied.UNAUTHORIZED;
            }
        };
    }

    private static String last(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
