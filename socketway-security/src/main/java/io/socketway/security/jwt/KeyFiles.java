package io.socketway.security.jwt;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads public keys from a file: a JWK set ({@code {"keys": [...]}}) or PEM {@code PUBLIC KEY} blocks (X.509
 * SubjectPublicKeyInfo) holding RSA, EC or Ed25519 keys. PEM keys get no {@code kid}, so they match any token's.
 */
final class KeyFiles {
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");
    private static final int ED25519_SPKI_BYTES = 44;

    private KeyFiles() {}

    /** Returns the public keys in {@code file}. */
    static List<JWK> read(Path file) {
        String content = readString(file).strip();
        try {
            return content.startsWith("{") ? JWKSet.parse(content).toPublicJWKSet().getKeys() : parsePem(content);
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("jwksFile: " + file + " (expected: a JWK set or PEM public keys): "
                    + e.getMessage(), e);
        }
    }

    private static String readString(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("jwksFile: " + file + " (expected: at most 1 MiB)");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("jwksFile: " + file + " (expected: a readable file)", e);
        }
    }

    private static List<JWK> parsePem(String content) throws GeneralSecurityException {
        List<JWK> keys = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(content);
        while (block.find()) {
            if (!block.group(1).equals("PUBLIC KEY")) {
                throw new IllegalArgumentException("PEM block: " + block.group(1) + " (expected: PUBLIC KEY)");
            }
            keys.add(toJwk(decodePublicKey(Base64.getMimeDecoder().decode(block.group(2)))));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no PEM block found");
        }
        return keys;
    }

    private static PublicKey decodePublicKey(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = new GeneralSecurityException("not a public key");
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static JWK toJwk(PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> new ECKey.Builder(curveOf(ec), ec).build();
            case EdECPublicKey ed when ed.getParams().getName().equals("Ed25519") ->
                    new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519(ed))).build();
            default -> throw new IllegalArgumentException(
                    "public key: " + key.getAlgorithm() + " (expected: RSA, EC P-256/384/521 or Ed25519)");
        };
    }

    private static Curve curveOf(ECPublicKey key) {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        if (curve == null) {
            throw new IllegalArgumentException("EC curve: unknown (expected: P-256, P-384 or P-521)");
        }
        return curve;
    }

    /** Returns the 32 key bytes, which end an Ed25519 SubjectPublicKeyInfo after its fixed 12-byte prefix. */
    private static byte[] rawEd25519(EdECPublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_BYTES) {
            throw new IllegalArgumentException("Ed25519 key: " + spki.length + " bytes (expected: 44)");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_BYTES - 32, ED25519_SPKI_BYTES);
    }
}
