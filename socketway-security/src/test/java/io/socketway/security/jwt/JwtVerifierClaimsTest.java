package io.socketway.security.jwt;

import static io.socketway.security.jwt.JwtVerifierAlgorithmsTest.assertUnauthorized;
import static io.socketway.security.jwt.Tokens.AUDIENCE;
import static io.socketway.security.jwt.Tokens.ISSUER;
import static io.socketway.security.jwt.Tokens.NOW;
import static io.socketway.security.jwt.Tokens.SECRET;
import static io.socketway.security.jwt.Tokens.claims;
import static io.socketway.security.jwt.Tokens.hs256;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class JwtVerifierClaimsTest {
    private static final JwtSettings SETTINGS = JwtSettings.ofHmacSecret(ISSUER, Set.of(AUDIENCE, "other-app"), SECRET);

    private final MutableClock clock = new MutableClock(NOW);
    private JwtVerifier verifier = JwtVerifier.create(SETTINGS, clock);

    @AfterEach
    void close() {
        verifier.close();
    }

    @Test
    void refusesAnExpiredToken() {
        assertUnauthorized(verify(claims().expirationTime(at(-120))), "Expired");
    }

    @Test
    void refusesATokenWithoutExp() {
        assertUnauthorized(verify(claims().expirationTime(null)), "exp");
    }

    @Test
    void refusesATokenThatIsNotValidYet() {
        assertUnauthorized(verify(claims().notBeforeTime(at(120))), "before use time");
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        assertUnauthorized(verify(claims().issueTime(at(120))), "iat");
    }

    @Test
    void toleratesClockSkewOnEitherSide() {
        assertThat(verify(claims().expirationTime(at(-50)))).isInstanceOf(JwtResult.Valid.class);
        assertThat(verify(claims().notBeforeTime(at(50)).issueTime(at(50)))).isInstanceOf(JwtResult.Valid.class);
    }

    @Test
    void appliesTheConfiguredSkew() {
        verifier.close();
        verifier = JwtVerifier.create(SETTINGS.withClockSkew(Duration.ofSeconds(5)), clock);

        assertUnauthorized(verify(claims().expirationTime(at(-10))), "Expired");
        assertUnauthorized(verify(claims().notBeforeTime(at(10))), "before use time");
        assertThat(verify(claims().expirationTime(at(-4)).notBeforeTime(at(4)))).isInstanceOf(JwtResult.Valid.class);
    }

    @Test
    void followsTheClockAsTimePasses() {
        String token = hs256(SECRET, claims().expirationTime(at(120)).build());
        assertThat(verifier.verify(token)).isInstanceOf(JwtResult.Valid.class);

        clock.advance(Duration.ofSeconds(181));

        assertUnauthorized(verifier.verify(token), "Expired");
    }

    @Test
    void refusesAnotherIssuer() {
        assertUnauthorized(verify(claims().issuer("https://idp.example.com")), "iss");
        assertUnauthorized(verify(claims().issuer(null)), "iss");
    }

    @Test
    void refusesAnAudienceOutsideTheConfiguredOnes() {
        assertUnauthorized(verify(claims().audience("someone-else")), "aud");
        assertUnauthorized(verify(claims().audience(List.of())), "aud");
    }

    @Test
    void acceptsAnAudienceListThatIntersects() {
        assertThat(verify(claims().audience(List.of("someone-else", "other-app")))).isInstanceOf(JwtResult.Valid.class);
    }

    @Test
    void checksClientIdOnlyWhenAudIsAbsent() {
        assertThat(verify(claims().audience((String) null).claim("client_id", AUDIENCE)))
                .isInstanceOf(JwtResult.Valid.class);
        assertUnauthorized(verify(claims().audience((String) null).claim("client_id", "someone-else")), "client_id");
        assertUnauthorized(verify(claims().audience((String) null)), "client_id");
        assertUnauthorized(verify(claims().audience("someone-else").claim("client_id", AUDIENCE)), "aud");
    }

    @Test
    void readsScopesFromScopeOrScp() {
        assertThat(valid(claims().claim("scope", "chat:read  chat:write")).scopes())
                .containsExactly("chat:read", "chat:write");
        assertThat(valid(claims().claim("scp", List.of("chat:read", "admin"))).scopes())
                .containsExactly("chat:read", "admin");
        assertThat(valid(claims()).scopes()).isEmpty();
    }

    @Test
    void answersForbiddenWhenNoRequiredScopeIsPresent() {
        verifier.close();
        verifier = JwtVerifier.create(SETTINGS.withRequiredScopes(Set.of("chat:write", "admin")), clock);

        assertThat(verify(claims().claim("scope", "chat:read admin"))).isInstanceOf(JwtResult.Valid.class);
        assertThat(verify(claims().claim("scope", "chat:read"))).isInstanceOfSatisfying(JwtResult.Invalid.class,
                invalid -> assertThat(invalid.status()).isEqualTo(403));
        assertThat(verify(claims())).isInstanceOfSatisfying(JwtResult.Invalid.class,
                invalid -> assertThat(invalid.status()).isEqualTo(403));
    }

    @Test
    void spellsClaimsAsApiGatewayDoes() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", "Main St 1");
        address.put("city", "Springfield");
        address.put("zip", 12345L);
        JwtResult.Valid valid = valid(claims().claim("cognito:groups", List.of("admin", "users"))
                .claim("email_verified", true).claim("auth_time", 1700000000L).claim("ratio", 1.5)
                .claim("address", address).claim("nested", List.of(List.of("a", "b"), "c")));

        assertThat(valid.claims())
                .containsEntry("iss", ISSUER)
                .containsEntry("aud", AUDIENCE)
                .containsEntry("exp", String.valueOf(NOW.plusSeconds(300).getEpochSecond()))
                .containsEntry("cognito:groups", "[admin users]")
                .containsEntry("email_verified", "true")
                .containsEntry("auth_time", "1700000000")
                .containsEntry("ratio", "1.5")
                .containsEntry("address", "map[city:Springfield street:Main St 1 zip:12345]")
                .containsEntry("nested", "[[a b] c]");
        assertThat(valid.claims().values()).allMatch(String.class::isInstance);
    }

    @Test
    void spellsNullsAndLargeNumbersFromRawJson() {
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                + NOW.plusSeconds(60).getEpochSecond()
                + ",\"gone\":null,\"holes\":[\"x\",null],\"big\":1e21,\"negative\":-3,\"flag\":false}";

        JwtResult result = verifier.verify(Tokens.hs256Raw(SECRET, payload));

        assertThat(result).isInstanceOfSatisfying(JwtResult.Valid.class, valid -> assertThat(valid.claims())
                .doesNotContainKey("gone")
                .containsEntry("holes", "[x <nil>]")
                .containsEntry("big", "1000000000000000000000")
                .containsEntry("negative", "-3")
                .containsEntry("flag", "false"));
    }

    @Test
    void shapesTheAuthorizerContextLikeHttpApis() {
        JwtResult.Valid valid = valid(claims().claim("scope", "chat:read"));

        assertThat(valid.authorizer()).containsOnlyKeys("jwt");
        assertThat(valid.authorizer().get("jwt")).isEqualTo(
                Map.of("claims", valid.claims(), "scopes", List.of("chat:read")));
        @SuppressWarnings("unchecked")
        Map<String, Object> noScopes = (Map<String, Object>) valid(claims()).authorizer().get("jwt");
        assertThat(noScopes).containsEntry("scopes", null);
    }

    private JwtResult verify(JWTClaimsSet.Builder claims) {
        return verifier.verify(hs256(SECRET, claims.build()));
    }

    private JwtResult.Valid valid(JWTClaimsSet.Builder claims) {
        JwtResult result = verify(claims);
        assertThat(result).isInstanceOf(JwtResult.Valid.class);
        return (JwtResult.Valid) result;
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }
}
