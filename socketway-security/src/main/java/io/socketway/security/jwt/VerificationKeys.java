package io.socketway.security.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import java.util.Set;

/** Supplies the keys that may have signed a token. Implementations are thread-safe. */
interface VerificationKeys extends AutoCloseable {

    /** Returns the algorithms these keys can verify. */
    Set<JWSAlgorithm> algorithms();

    /** Returns the keys that match {@code header}'s algorithm and {@code kid}; may fetch, and so block briefly. */
    List<JWK> select(JWSHeader header, long nowMillis) throws KeySourceException;

    @Override
    default void close() {}

    /**
     * Returns the keys in {@code keys} that match {@code header}: by type, curve, use, {@code alg} and {@code kid}.
     * A key without a {@code kid} (a PEM key, say) matches a token whatever its {@code kid}.
     */
    static List<JWK> matching(JWKSet keys, JWSHeader header) {
        List<JWK> exact = select(keys, header);
        if (!exact.isEmpty() || header.getKeyID() == null) {
            return exact;
        }
        JWSHeader withoutKid = new JWSHeader.Builder(header).keyID(null).build();
        return select(keys, withoutKid).stream().filter(key -> key.getKeyID() == null).toList();
    }

    private static List<JWK> select(JWKSet keys, JWSHeader header) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        return matcher == null ? List.of() : new JWKSelector(matcher).select(keys);
    }
}
