package io.socketway.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

class JwtVerifierPropertyTest {
    private static final String VALID = Tokens.hs256(Tokens.SECRET, Tokens.claims().build());
    private static final JwtVerifier VERIFIER = JwtVerifier.create(
            JwtSettings.ofHmacSecret(Tokens.ISSUER, Set.of(Tokens.AUDIENCE), Tokens.SECRET),
            new MutableClock(Tokens.NOW));

    @AfterContainer
    static void close() {
        VERIFIER.close();
    }

    @Property(tries = 2_000)
    void arbitraryStringsNeverMakeVerifyThrow(@ForAll String token) {
        assertThat(VERIFIER.verify(token)).isInstanceOf(JwtResult.Invalid.class);
    }

    @Property(tries = 1_000)
    void tokenShapedStringsNeverMakeVerifyThrow(@ForAll("tokenShaped") String token) {
        assertThat(VERIFIER.verify(token)).isInstanceOf(JwtResult.Invalid.class);
    }

    @Property(tries = 500)
    void corruptedTokensNeverMakeVerifyThrow(@ForAll("corrupted") String token) {
        assertThat(VERIFIER.verify(token)).isNotNull();
    }

    @Provide
    Arbitrary<String> tokenShaped() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.").ofMaxLength(200);
        return Combinators.combine(segment, segment, segment).as((a, b, c) -> a + "." + b + "." + c);
    }

    @Provide
    Arbitrary<String> corrupted() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> replacement = Arbitraries.chars().ascii();
        return Combinators.combine(position, replacement)
                .as((at, c) -> VALID.substring(0, at) + c + VALID.substring(at + 1));
    }
}
