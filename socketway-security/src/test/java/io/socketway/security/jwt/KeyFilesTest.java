package io.socketway.security.jwt;

import static io.socketway.security.jwt.Tokens.AUDIENCE;
import static io.socketway.security.jwt.Tokens.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void failsFastOnAMissingFile() {
        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(() -> JwtVerifier.create(settings(dir.resolve("absent.json"))))
                .withMessageContaining("absent.json (expected: a readable file)");
    }

    @Test
    void failsFastOnContentThatHoldsNoKeys() {
        assertThatIllegalArgumentException().isThrownBy(() -> create("not a key"))
                .withMessageContaining("(expected: a JWK set or PEM public keys)");
        assertThatIllegalArgumentException().isThrownBy(() -> create("{\"keys\": 42}"))
                .withMessageContaining("(expected: a JWK set or PEM public keys)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> create("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .withMessageContaining("PEM block: PRIVATE KEY (expected: PUBLIC KEY)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> create("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
                .withMessageContaining("(expected: a JWK set or PEM public keys)");
    }

    @Test
    void ignoresSymmetricKeysInAJwksFile() {
        OctetSequenceKey oct = new OctetSequenceKey.Builder(Tokens.SECRET).keyID("oct").build();
        String onlyOct = new JWKSet(List.of(oct)).toString(false);

        assertThatIllegalArgumentException().isThrownBy(() -> create(onlyOct))
                .withMessageContaining("(expected: at least one RSA, EC P-256/384/521 or Ed25519 public key)");
    }

    @Test
    void takesOnlyThePublicHalfOfPrivateJwks() {
        String withPrivateParts = new JWKSet(List.of(Tokens.RSA)).toString(false);

        assertThat(KeyFiles.read(Tokens.write(dir.resolve("private.json"), withPrivateParts)))
                .singleElement().satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    private JwtVerifier create(String content) {
        return JwtVerifier.create(settings(Tokens.write(dir.resolve("keys"), content)));
    }

    private static JwtSettings settings(Path file) {
        return JwtSettings.ofJwksFile(ISSUER, Set.of(AUDIENCE), file);
    }
}
