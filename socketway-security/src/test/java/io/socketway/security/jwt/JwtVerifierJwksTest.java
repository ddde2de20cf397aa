package io.socketway.security.jwt;

import static io.socketway.security.jwt.JwtVerifierAlgorithmsTest.assertUnauthorized;
import static io.socketway.security.jwt.Tokens.AUDIENCE;
import static io.socketway.security.jwt.Tokens.ISSUER;
import static io.socketway.security.jwt.Tokens.NOW;
import static io.socketway.security.jwt.Tokens.P256;
import static io.socketway.security.jwt.Tokens.RSA;
import static io.socketway.security.jwt.Tokens.claims;
import static io.socketway.security.jwt.Tokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class JwtVerifierJwksTest {
    private static final RSAKey NEXT = Tokens.rsa("rsa-2");

    @RegisterExtension
    final JwksServer jwks = new JwksServer();

    private final MutableClock clock = new MutableClock(NOW);
    private JwtVerifier verifier;

    @BeforeEach
    void start() {
        jwks.publish(RSA, P256);
        verifier = JwtVerifier.create(JwtSettings.ofJwksUri(ISSUER, Set.of(AUDIENCE), jwks.uri()), clock);
    }

    @AfterEach
    void stop() {
        verifier.close();
    }

    @Test
    void fetchesOnFirstUseAndThenServesFromTheCache() {
        assertThat(jwks.requests()).isZero();

        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));
        assertValid(sign(P256, JWSAlgorithm.ES256, claims().build()));
        assertValid(sign(RSA, JWSAlgorithm.PS512, claims().build()));

        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void fetchesOnceWhenManyThreadsVerifyOnAColdCache() throws Exception {
        String token = sign(RSA, JWSAlgorithm.RS256, claims().build());
        List<Callable<JwtResult>> calls = Collections.nCopies(50, () -> verifier.verify(token));

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<JwtResult> result : threads.invokeAll(calls)) {
                assertThat(result.get()).isInstanceOf(JwtResult.Valid.class);
            }
        }
        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void fetchesAgainOnceTheCacheExpires() {
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));

        clock.advance(JwtSettings.DEFAULT_JWKS_CACHE_TTL.plusSeconds(1));
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));

        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void refreshesOnceForAnUnknownKidAndThenRespectsTheRateLimit() {
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));

        assertUnauthorized(verifier.verify(withKid("random-1")), "random-1");
        assertThat(jwks.requests()).isEqualTo(2);

        assertUnauthorized(verifier.verify(withKid("random-2")), "random-2");
        assertUnauthorized(verifier.verify(withKid("random-3")), "random-3");
        assertThat(jwks.requests()).isEqualTo(2);

        clock.advance(JwtSettings.DEFAULT_JWKS_REFRESH_MIN_INTERVAL.plusSeconds(1));
        assertUnauthorized(verifier.verify(withKid("random-4")), "random-4");
        assertThat(jwks.requests()).isEqualTo(3);
    }

    @Test
    void acceptsARotatedKeyAfterOneRefresh() {
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));

        jwks.publish(RSA, NEXT);

        assertValid(sign(NEXT, JWSAlgorithm.RS256, claims().build()));
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void keepsTheLastGoodKeysWhileTheEndpointIsDown() {
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));

        jwks.down(true);
        clock.advance(JwtSettings.DEFAULT_JWKS_CACHE_TTL.plusSeconds(1));

        Date inAMinute = Date.from(clock.instant().plusSeconds(60));
        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().expirationTime(inAMinute).build()));
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void refusesWithoutThrowingWhenTheEndpointWasNeverReachable() {
        jwks.down(true);

        assertUnauthorized(verifier.verify(sign(RSA, JWSAlgorithm.RS256, claims().build())), "keys unavailable");
    }

    @Test
    void neverFetchesForAnAlgorithmNoKeyTypeAllows() {
        assertUnauthorized(verifier.verify(Tokens.hs256(Tokens.SECRET, claims().build())), "alg: HS256");
        assertUnauthorized(verifier.verify(Tokens.raw("{\"alg\":\"none\"}", claims().build().toString(), "")), "");

        assertThat(jwks.requests()).isZero();
    }

    @Test
    void ignoresSymmetricKeysPublishedInTheJwks() {
        OctetSequenceKey oct = new OctetSequenceKey.Builder(Tokens.SECRET).keyID("oct").build();
        jwks.publishJson(new JWKSet(List.of(RSA.toPublicJWK(), oct)).toString(false));

        assertValid(sign(RSA, JWSAlgorithm.RS256, claims().build()));
        assertUnauthorized(verifier.verify(Tokens.hs256(Tokens.SECRET, claims().build())), "alg: HS256");
    }

    /** Returns a token that a published key signed but that names a {@code kid} nobody published. */
    private static String withKid(String kid) {
        return sign(RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims().build());
    }

    private void assertValid(String token) {
        assertThat(verifier.verify(token)).isInstanceOf(JwtResult.Valid.class);
    }

}
