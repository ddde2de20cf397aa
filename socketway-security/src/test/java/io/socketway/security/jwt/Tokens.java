package io.socketway.security.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Keys, tokens and settings for the JWT tests; keys are generated once per test run. */
final class Tokens {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER = "https://idp.example.com/";
    static final String AUDIENCE = "socketway-chat";
    static final byte[] SECRET = "a-shared-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8);

    static final RSAKey RSA = rsa("rsa-1");
    static final ECKey P256 = ec("ec-256", Curve.P_256);
    static final ECKey P384 = ec("ec-384", Curve.P_384);
    static final ECKey P521 = ec("ec-521", Curve.P_521);
    static final OctetKeyPair ED25519 = ed25519("ed-1");

    private Tokens() {}

    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ec(String kid, Curve curve) {
        try {
            return new ECKeyGenerator(curve).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static OctetKeyPair ed25519(String kid) {
        try {
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns claims that pass with {@link #settingsFor}: right issuer and audience, valid around {@link #NOW}. */
    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user-42")
                .issueTime(Date.from(NOW.minusSeconds(10))).expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    }

    static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signerFor(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(byte[] secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns an HS256 token over a payload written by hand. */
    static String hs256Raw(byte[] secret, String payloadJson) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payloadJson));
            jws.sign(new MACSigner(secret));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a compact token built by hand from raw JSON, with {@code signature} as its third part. */
    static String raw(String headerJson, String payloadJson, String signature) {
        return Base64URL.encode(headerJson) + "." + Base64URL.encode(payloadJson) + "." + signature;
    }

    /** Writes the public keys as a JWKS file and returns settings that read it. */
    static JwtSettings settingsFor(Path dir, JWK... keys) {
        JWKSet publicKeys = new JWKSet(List.of(keys)).toPublicJWKSet();
        return JwtSettings.ofJwksFile(ISSUER, Set.of(AUDIENCE), write(dir.resolve("jwks.json"), publicKeys.toString()));
    }

    static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JWSSigner signerFor(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSASSASigner(rsa);
            case ECKey ec -> new ECDSASigner(ec);
            case OctetKeyPair okp -> new Ed25519Signer(okp);
            default -> throw new IllegalArgumentException(key.getKeyType().toString());
        };
    }
}
