package io.socketway.security.jwt;

import static io.socketway.security.jwt.Tokens.AUDIENCE;
import static io.socketway.security.jwt.Tokens.ISSUER;
import static io.socketway.security.jwt.Tokens.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {
    private static final URI JWKS = URI.create("https://idp.example.com/.well-known/jwks.json");

    @Test
    void hasTheDocumentedDefaults() {
        JwtSettings settings = JwtSettings.ofJwksUri(ISSUER, Set.of(AUDIENCE), JWKS);

        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.requiredScopes()).isEmpty();
        assertThat(settings.hmacSecret()).isEmpty();
    }

    @Test
    void hidesTheSecretInToString() {
        JwtSettings settings = JwtSettings.ofHmacSecret(ISSUER, Set.of(AUDIENCE), SECRET);

        assertThat(settings.toString()).contains("hmacSecret=Optional[<hidden>]", ISSUER, AUDIENCE)
                .doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    }

    @Test
    void keepsItsOwnCopyOfTheSecretAndComparesItByContent() {
        byte[] secret = SECRET.clone();
        JwtSettings settings = JwtSettings.ofHmacSecret(ISSUER, Set.of(AUDIENCE), secret);
        secret[0] = 'X';
        settings.hmacSecret().orElseThrow()[1] = 'Y';

        assertThat(settings.hmacSecret()).hasValueSatisfying(value -> assertThat(value).isEqualTo(SECRET));
        assertThat(settings).isEqualTo(JwtSettings.ofHmacSecret(ISSUER, Set.of(AUDIENCE), SECRET.clone()))
                .hasSameHashCodeAs(JwtSettings.ofHmacSecret(ISSUER, Set.of(AUDIENCE), SECRET.clone()));
    }

    @Test
    void refusesInvalidValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.ofJwksUri(" ", Set.of(AUDIENCE), JWKS))
                .withMessageContaining("issuer");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtSettings.ofJwksUri(ISSUER, Set.of(), JWKS))
                .withMessage("audiences: [] (expected: at least one)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtSettings.ofJwksUri(ISSUER, Set.of(AUDIENCE), URI.create("file:///etc/jwks.json")))
                .withMessageContaining("jwksUri: file:///etc/jwks.json (expected:");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JwtSettings.ofHmacSecret(ISSUER, Set.of(AUDIENCE), new byte[31]))
                .withMessage("hmacSecret: 31 bytes (expected: >= 32)");
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtSettings(ISSUER, Set.of(AUDIENCE),
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, Duration.ofMinutes(5),
                Duration.ofSeconds(30), Set.of())).withMessageContaining("at least one key source");
        assertThatIllegalArgumentException().isThrownBy(() -> new JwtSettings(ISSUER, Set.of(AUDIENCE),
                Optional.of(JWKS), Optional.of(Path.of("jwks.json")), Optional.empty(), Duration.ZERO,
                Duration.ofMinutes(5), Duration.ofSeconds(30), Set.of())).withMessageContaining("jwksFile");
    }

    @Test
    void refusesDurationsOutOfRange() {
        JwtSettings settings = JwtSettings.ofJwksUri(ISSUER, Set.of(AUDIENCE), JWKS);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.withClockSkew(Duration.ofSeconds(-1)))
                .withMessageContaining("clockSkew: PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings.withJwksCache(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .withMessage("jwksRefreshMinInterval: PT30S (expected: < jwksCacheTtl PT30S)");
        assertThat(settings.withJwksCache(Duration.ofMinutes(1), Duration.ofSeconds(10)).jwksCacheTtl())
                .isEqualTo(Duration.ofMinutes(1));
    }
}
