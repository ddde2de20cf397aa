package io.socketway.security.jwt;

import static io.socketway.security.jwt.Tokens.NOW;
import static io.socketway.security.jwt.Tokens.RSA;
import static io.socketway.security.jwt.Tokens.SECRET;
import static io.socketway.security.jwt.Tokens.claims;
import static io.socketway.security.jwt.Tokens.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class JwtVerifierMalformedTest {
    private static final String PAYLOAD = claims().build().toString();
    private static final String VALID = Tokens.sign(RSA, JWSAlgorithm.RS256, claims().build());

    @TempDir
    Path dir;

    static Stream<String> malformedTokens() {
        String[] parts = VALID.split("\\.");
        return Stream.of(
                "", " ", "garbage", "Bearer " + VALID, VALID + " ", "a.b", parts[0] + "." + parts[1], "a.b.c",
                "...", "....", parts[0] + ".." + parts[2], VALID + ".extra", VALID + "." + parts[2] + "." + parts[2],
                "!!!.###.$$$", "e30.e30.e30", "ZZZZ.ZZZZ.ZZZZ", parts[0] + ".%%%." + parts[2],
                raw("not json", PAYLOAD, parts[2]), raw("[1,2,3]", PAYLOAD, parts[2]), raw("{}", PAYLOAD, parts[2]),
                raw("{\"alg\":42}", PAYLOAD, parts[2]), raw("{\"alg\":\"RS256\"}", "not json", parts[2]),
                raw("{\"alg\":\"RS256\"}", "[1]", parts[2]), raw("{\"alg\":\"RS256\",\"crit\":[\"exp\"]}", PAYLOAD, ""),
                raw("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", "{\"exp\":\"tomorrow\"}", parts[2]),
                raw("{\"alg\":\"RS256\",\"kid\":{\"x\":1}}", PAYLOAD, parts[2]),
                raw("{\"alg\":\"RS256\",\"jku\":\"http://127.0.0.1:1/jwks\"}", PAYLOAD, parts[2]),
                raw("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}", PAYLOAD, parts[2]),
                "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkExMjhHQ00ifQ.a.b.c.d", "\u0000\u0001.\u00ff.\uffff",
                "\uD83D\uDE00.\uD83D\uDE00.\uD83D\uDE00", parts[0] + "." + parts[1] + "." + parts[2].substring(1),
                raw(nested(2_000), PAYLOAD, parts[2]), raw("{\"alg\":\"RS256\"}", nested(2_000), parts[2]),
                "a".repeat(100 * 1024), parts[0] + "." + "A".repeat(100 * 1024) + "." + parts[2]);
    }

    @ParameterizedTest
    @MethodSource("malformedTokens")
    void answersUnauthorizedWithoutThrowing(String token) {
        try (JwtVerifier verifier = JwtVerifier.create(
                Tokens.settingsFor(dir, RSA).withHmacSecret(SECRET), new MutableClock(NOW))) {
            assertThatCode(() -> verifier.verify(token)).doesNotThrowAnyException();
            assertThat(verifier.verify(token)).isInstanceOfSatisfying(JwtResult.Invalid.class,
                    invalid -> assertThat(invalid.status()).isEqualTo(401));
        }
    }

    @Test
    void refusesHugeTokensUnread() {
        try (JwtVerifier verifier = JwtVerifier.create(Tokens.settingsFor(dir, RSA), new MutableClock(NOW))) {
            JwtResult result = verifier.verify("x".repeat(100 * 1024));

            assertThat(result).isInstanceOfSatisfying(JwtResult.Invalid.class,
                    invalid -> assertThat(invalid.reason()).startsWith("token length: 102400"));
        }
    }

    @Test
    void keepsReasonsPrintableAndShort() {
        String header = "{\"alg\":\"RS256\",\"kid\":\"evil\\nFAKE LOG LINE " + "x".repeat(1_000) + "\"}";
        String token = raw(header, PAYLOAD, "c2ln");
        try (JwtVerifier verifier = JwtVerifier.create(Tokens.settingsFor(dir, RSA), new MutableClock(NOW))) {
            assertThat(verifier.verify(token)).isInstanceOfSatisfying(JwtResult.Invalid.class, invalid -> assertThat(
                    invalid.reason()).contains("evil?FAKE LOG LINE").doesNotContain("\n").hasSizeLessThan(310));
        }
    }

    @Test
    void survivesDeeplyNestedClaimsInAGenuineToken() {
        try (JwtVerifier verifier = JwtVerifier.create(
                JwtSettings.ofHmacSecret(Tokens.ISSUER, Set.of(Tokens.AUDIENCE), SECRET), new MutableClock(NOW))) {
            JwtResult deep = verifier.verify(Tokens.hs256Raw(SECRET, payloadWithClaim(nested(60))));
            JwtResult abysmal = verifier.verify(Tokens.hs256Raw(SECRET, payloadWithClaim(nested(5_000))));

            assertThat(deep).isInstanceOfSatisfying(JwtResult.Valid.class, valid ->
                    assertThat((String) valid.claims().get("deep")).startsWith("[[[[").contains("..."));
            assertThat(abysmal).isInstanceOf(JwtResult.Invalid.class);
        }
    }

    private static String payloadWithClaim(String deep) {
        return "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"exp\":"
                + NOW.plusSeconds(60).getEpochSecond() + ",\"deep\":" + deep + "}";
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
