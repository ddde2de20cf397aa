package io.socketway.security.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Holds keys that never change: an HMAC secret from the settings, or the public keys of a file. Immutable. */
final class StaticKeys implements VerificationKeys {
    private final JWKSet keys;
    private final Set<JWSAlgorithm> algorithms;

    private StaticKeys(List<JWK> keys) {
        this.keys = new JWKSet(keys);
        this.algorithms = keys.stream().flatMap(key -> JwsAlgorithms.of(key).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Returns the HS256 key for {@code secret}. */
    static StaticKeys ofSecret(byte[] secret) {
        return new StaticKeys(List.of(new OctetSequenceKey.Builder(secret).build()));
    }

    /** Returns the asymmetric public keys in a JWKS or PEM file; symmetric keys in it are ignored. */
    static StaticKeys ofFile(Path file) {
        List<JWK> keys = KeyFiles.read(file).stream().filter(key -> !(key instanceof OctetSequenceKey)).toList();
        StaticKeys result = new StaticKeys(keys);
        if (result.algorithms.isEmpty()) {
            throw new IllegalArgumentException(
                    "jwksFile: " + file + " (expected: at least one RSA, EC P-256/384/521 or Ed25519 public key)");
        }
        return result;
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public List<JWK> select(JWSHeader header, long nowMillis) {
        return VerificationKeys.matching(keys, header);
    }
}
