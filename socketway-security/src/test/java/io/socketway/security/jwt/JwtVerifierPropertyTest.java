package io.socketway.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.testing.RandomInputs;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class JwtVerifierPropertyTest {
    private static final String VALID = Tokens.hs256(Tokens.SECRET, Tokens.claims().build());
    private static final String TOKEN_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.";
    private static final JwtVerifier VERIFIER = JwtVerifier.create(
            JwtSettings.ofHmacSecret(Tokens.ISSUER, Set.of(Tokens.AUDIENCE), Tokens.SECRET),
            new MutableClock(Tokens.NOW));

    private final RandomInputs random = RandomInputs.forTests();

    @AfterAll
    static void close() {
        VERIFIER.close();
    }

    @Test
    void arbitraryStringsNeverMakeVerifyThrow() {
        random.forAll(2_000, r -> r.string(255),
                token -> assertThat(VERIFIER.verify(token)).isInstanceOf(JwtResult.Invalid.class));
    }

    @Test
    void tokenShapedStringsNeverMakeVerifyThrow() {
        random.forAll(1_000, JwtVerifierPropertyTest::tokenShaped,
                token -> assertThat(VERIFIER.verify(token)).isInstanceOf(JwtResult.Invalid.class));
    }

    @Test
    void corruptedTokensNeverMakeVerifyThrow() {
        random.forAll(500, JwtVerifierPropertyTest::corrupted, token -> assertThat(VERIFIER.verify(token)).isNotNull());
    }

    private static String tokenShaped(RandomInputs random) {
        return random.stringOf(TOKEN_CHARS, 200) + "." + random.stringOf(TOKEN_CHARS, 200) + "."
                + random.stringOf(TOKEN_CHARS, 200);
    }

    private static String corrupted(RandomInputs random) {
        int at = random.intBetween(0, VALID.length() - 1);
        char replacement = (char) random.intBetween(0, 127);
        return VALID.substring(0, at) + replacement + VALID.substring(at + 1);
    }
}
