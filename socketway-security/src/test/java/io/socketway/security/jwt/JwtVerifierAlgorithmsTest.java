package io.socketway.security.jwt;

import static io.socketway.security.jwt.Tokens.ED25519;
import static io.socketway.security.jwt.Tokens.NOW;
import static io.socketway.security.jwt.Tokens.P256;
import static io.socketway.security.jwt.Tokens.P384;
import static io.socketway.security.jwt.Tokens.P521;
import static io.socketway.security.jwt.Tokens.RSA;
import static io.socketway.security.jwt.Tokens.SECRET;
import static io.socketway.security.jwt.Tokens.claims;
import static io.socketway.security.jwt.Tokens.hs256;
import static io.socketway.security.jwt.Tokens.raw;
import static io.socketway.security.jwt.Tokens.settingsFor;
import static io.socketway.security.jwt.Tokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class JwtVerifierAlgorithmsTest {
    private final MutableClock clock = new MutableClock(NOW);

    @TempDir
    Path dir;

    static Stream<Arguments> keysAndAlgorithms() {
        return Stream.of(
                Arguments.of(RSA, JWSAlgorithm.RS256), Arguments.of(RSA, JWSAlgorithm.RS384),
                Arguments.of(RSA, JWSAlgorithm.RS512), Arguments.of(RSA, JWSAlgorithm.PS256),
                Arguments.of(RSA, JWSAlgorithm.PS384), Arguments.of(RSA, JWSAlgorithm.PS512),
                Arguments.of(P256, JWSAlgorithm.ES256), Arguments.of(P384, JWSAlgorithm.ES384),
                Arguments.of(P521, JWSAlgorithm.ES512), Arguments.of(ED25519, JWSAlgorithm.EdDSA),
                Arguments.of(ED25519, JWSAlgorithm.Ed25519));
    }

    @ParameterizedTest
    @MethodSource("keysAndAlgorithms")
    void acceptsTokenSignedWithAConfiguredKey(JWK key, JWSAlgorithm algorithm) {
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA, P256, P384, P521, ED25519))) {
            JwtResult result = verifier.verify(sign(key, algorithm, claims().build()));

            assertThat(result).isInstanceOfSatisfying(JwtResult.Valid.class,
                    valid -> assertThat(valid.claims()).containsEntry("sub", "user-42"));
        }
    }

    @Test
    void acceptsHs256SignedWithTheSharedSecret() {
        try (JwtVerifier verifier = verifierFor(hmacSettings())) {
            assertThat(verifier.verify(hs256(SECRET, claims().build()))).isInstanceOf(JwtResult.Valid.class);
        }
    }

    @Test
    void refusesASignatureMadeWithAnotherKeyUnderTheSameKid() {
        RSAKey forger = Tokens.rsa(RSA.getKeyID());
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA))) {
            assertUnauthorized(verifier.verify(sign(forger, JWSAlgorithm.RS256, claims().build())), "signature");
        }
    }

    @Test
    void refusesATokenWhosePayloadWasSwapped() {
        String genuine = sign(RSA, JWSAlgorithm.RS256, claims().build());
        String other = sign(RSA, JWSAlgorithm.RS256, claims().subject("admin").build());
        String[] a = genuine.split("\\.");
        String[] b = other.split("\\.");
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA))) {
            assertUnauthorized(verifier.verify(a[0] + "." + b[1] + "." + a[2]), "signature");
        }
    }

    @Test
    void refusesAlgNone() {
        String payload = claims().build().toString();
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA).withHmacSecret(SECRET))) {
            assertUnauthorized(verifier.verify(raw("{\"alg\":\"none\"}", payload, "")), "");
            assertUnauthorized(verifier.verify(raw("{\"alg\":\"none\",\"kid\":\"rsa-1\"}", payload, "")), "");
            assertUnauthorized(verifier.verify(raw("{\"alg\":\"None\"}", payload, "c2ln")), "alg: None");
            assertUnauthorized(verifier.verify(raw("{\"alg\":\"none\"}", payload, "c2ln")), "");
        }
    }

    @Test
    void refusesHs256SignedWithTheRsaPublicKeyWhenOnlyRsaKeysAreConfigured() {
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA))) {
            for (byte[] secret : rsaPublicKeyAsSecrets()) {
                assertUnauthorized(verifier.verify(hs256(secret, claims().build())), "alg: HS256");
            }
        }
    }

    @Test
    void refusesHs256SignedWithTheRsaPublicKeyWhenASecretIsConfiguredToo() {
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA).withHmacSecret(SECRET))) {
            for (byte[] secret : rsaPublicKeyAsSecrets()) {
                assertUnauthorized(verifier.verify(hs256(secret, claims().build())), "signature");
            }
            assertThat(verifier.verify(hs256(SECRET, claims().build()))).isInstanceOf(JwtResult.Valid.class);
        }
    }

    @Test
    void refusesAnRsaTokenWhenOnlyAnHmacSecretIsConfigured() {
        try (JwtVerifier verifier = verifierFor(hmacSettings())) {
            assertUnauthorized(verifier.verify(sign(RSA, JWSAlgorithm.RS256, claims().build())), "alg: RS256");
        }
    }

    @Test
    void refusesHmacVariantsOtherThanHs256() throws JOSEException {
        byte[] longSecret = new byte[64];
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims().build());
        jwt.sign(new MACSigner(longSecret));
        JwtSettings settings = JwtSettings.ofHmacSecret(Tokens.ISSUER, Set.of(Tokens.AUDIENCE), longSecret);
        try (JwtVerifier verifier = verifierFor(settings)) {
            assertUnauthorized(verifier.verify(jwt.serialize()), "alg: HS512");
        }
    }

    @Test
    void refusesAlgorithmsOfKeyTypesThatAreNotConfigured() {
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, RSA))) {
            assertUnauthorized(verifier.verify(sign(P256, JWSAlgorithm.ES256, claims().build())), "alg: ES256");
            assertUnauthorized(verifier.verify(sign(ED25519, JWSAlgorithm.EdDSA, claims().build())), "alg: EdDSA");
        }
    }

    @Test
    void honoursTheAlgAndUseOfAKey() {
        RSAKey rs256Only = new RSAKey.Builder(RSA).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        RSAKey encryptionKey = new RSAKey.Builder(Tokens.rsa("enc")).keyUse(KeyUse.ENCRYPTION).build();
        try (JwtVerifier verifier = verifierFor(settingsFor(dir, rs256Only, encryptionKey))) {
            assertThat(verifier.verify(sign(RSA, JWSAlgorithm.RS256, claims().build())))
                    .isInstanceOf(JwtResult.Valid.class);
            assertUnauthorized(
                    verifier.verify(sign(RSA, JWSAlgorithm.PS256, claims().build())), "no PS256 key");
            assertUnauthorized(
                    verifier.verify(sign(encryptionKey, JWSAlgorithm.RS256, claims().build())), "no RS256 key");
        }
    }

    @Test
    void readsPemPublicKeysThatMatchAnyKid() throws JOSEException {
        String pem = pem(RSA.toPublicKey()) + pem(P256.toPublicKey()) + ed25519Pem();
        Path file = Tokens.write(dir.resolve("keys.pem"), pem);
        try (JwtVerifier verifier = verifierFor(JwtSettings.ofJwksFile(Tokens.ISSUER, Set.of(Tokens.AUDIENCE), file))) {
            assertThat(verifier.verify(sign(RSA, JWSAlgorithm.PS384, claims().build())))
                    .isInstanceOf(JwtResult.Valid.class);
            assertThat(verifier.verify(sign(P256, JWSAlgorithm.ES256, claims().build())))
                    .isInstanceOf(JwtResult.Valid.class);
            assertThat(verifier.verify(sign(ED25519, JWSAlgorithm.EdDSA, claims().build())))
                    .isInstanceOf(JwtResult.Valid.class);
            assertUnauthorized(verifier.verify(sign(P384, JWSAlgorithm.ES384, claims().build())), "alg: ES384");
        }
    }

    private JwtVerifier verifierFor(JwtSettings settings) {
        return JwtVerifier.create(settings, clock);
    }

    private static JwtSettings hmacSettings() {
        return JwtSettings.ofHmacSecret(Tokens.ISSUER, Set.of(Tokens.AUDIENCE), SECRET);
    }

    private static byte[][] rsaPublicKeyAsSecrets() {
        try {
            byte[] der = RSA.toPublicKey().getEncoded();
            return new byte[][] {der, pem(RSA.toPublicKey()).getBytes(StandardCharsets.US_ASCII),
                    RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)};
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PublicKey key) {
        return pem(key.getEncoded());
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Returns the Ed25519 key as SubjectPublicKeyInfo: the fixed 12-byte prefix, then the 32 key bytes. */
    private static String ed25519Pem() {
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        byte[] x = ED25519.getDecodedX();
        byte[] der = new byte[prefix.length + x.length];
        System.arraycopy(prefix, 0, der, 0, prefix.length);
        System.arraycopy(x, 0, der, prefix.length, x.length);
        return pem(der);
    }

    static void assertUnauthorized(JwtResult result, String reason) {
        assertThat(result).isInstanceOfSatisfying(JwtResult.Invalid.class, invalid -> {
            assertThat(invalid.status()).isEqualTo(401);
            assertThat(invalid.reason()).contains(reason);
        });
    }
}
