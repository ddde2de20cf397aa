package io.socketway.core;

import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizationType;
import io.socketway.api.AuthorizerDefinition;
import io.socketway.api.spi.FunctionException;
import io.socketway.security.jwt.JwtSettings;
import io.socketway.security.jwt.JwtVerifier;
import io.socketway.security.sigv4.SigV4Verifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds {@code JWT} and {@code AWS_IAM} connect authorizers from {@link SecuritySettings}, and closes the JWT
 * verifiers (their JWKS caches) with the gateway. Thread-safe.
 */
final class SecurityAuthorizers implements ConnectAuthorizers, AutoCloseable {
    private final SecuritySettings settings;
    private final List<JwtVerifier> verifiers = new CopyOnWriteArrayList<>();

    SecurityAuthorizers(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public ConnectAuthorizer create(ApiDefinition api, AuthorizationType type) {
        if (type == AuthorizationType.AWS_IAM) {
            if (settings.accessKeys().isEmpty()) {
                String route = api.routes().get("$connect").logicalId();
                throw new IllegalArgumentException(api.source() + ": Resources." + route
                        + ".Properties.AuthorizationType: AWS_IAM (expected: access keys to verify presigned connect"
                        + " URLs, e.g. --access-key ID:SECRET)");
            }
            return new IamConnectAuthorizer(new SigV4Verifier(settings.accessKeys(), api.region()), api.region(),
                    api.accountId());
        }
        AuthorizerDefinition definition = api.connectAuthorizer().orElseThrow();
        JwtVerifier verifier = JwtVerifier.create(jwtSettings(definition));
        verifiers.add(verifier);
        return new JwtConnectAuthorizer(definition, verifier);
    }

    private JwtSettings jwtSettings(AuthorizerDefinition definition) {
        String issuer = definition.issuer().orElseThrow();
        var audiences = new HashSet<>(definition.audiences());
        JwtSettings base;
        if (settings.jwtHmacSecret().isPresent()) {
            base = JwtSettings.ofHmacSecret(issuer, audiences,
                    settings.jwtHmacSecret().get().getBytes(StandardCharsets.UTF_8));
        } else if (settings.jwksFile().isPresent()) {
            base = JwtSettings.ofJwksFile(issuer, audiences, settings.jwksFile().get());
        } else {
            URI jwks = settings.jwksUri().orElseGet(() -> URI.create(
                    (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                            + "/.well-known/jwks.json"));
            base = JwtSettings.ofJwksUri(issuer, audiences, jwks);
        }
        return base.withClockSkew(settings.jwtClockSkew());
    }

    @Override
    public void close() {
        verifiers.forEach(JwtVerifier::close);
    }
}
