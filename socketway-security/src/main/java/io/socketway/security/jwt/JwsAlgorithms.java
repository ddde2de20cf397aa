package io.socketway.security.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Ties each key type to the algorithms it may verify and builds Nimbus verifiers. The accepted algorithms always
 * follow from the configured keys, never from a token's header alone.
 */
final class JwsAlgorithms {
    static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    static final Map<Curve, JWSAlgorithm> EC = Map.of(
            Curve.P_256, JWSAlgorithm.ES256, Curve.P_384, JWSAlgorithm.ES384, Curve.P_521, JWSAlgorithm.ES512);
    static final Set<JWSAlgorithm> ED25519 = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256);
    static final Set<JWSAlgorithm> ASYMMETRIC = Stream.of(RSA, Set.copyOf(EC.values()), ED25519)
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    private JwsAlgorithms() {}

    /** Returns the algorithms {@code key} may verify; none for key types Socketway does not verify with. */
    static Set<JWSAlgorithm> of(JWK key) {
        return switch (key) {
            case RSAKey rsa -> RSA;
            case ECKey ec -> EC.containsKey(ec.getCurve()) ? Set.of(EC.get(ec.getCurve())) : Set.of();
            case OctetKeyPair okp -> Curve.Ed25519.equals(okp.getCurve()) ? ED25519 : Set.of();
            case OctetSequenceKey oct -> HMAC;
            default -> Set.of();
        };
    }

    /** Returns a verifier for {@code key}'s public part. */
    static JWSVerifier verifierFor(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> new RSASSAVerifier(rsa.toPublicJWK());
            case ECKey ec -> new ECDSAVerifier(ec.toPublicJWK());
            case OctetKeyPair okp -> new Ed25519Verifier(okp.toPublicJWK());
            case OctetSequenceKey oct -> new MACVerifier(oct);
            default -> throw new JOSEException("key type: " + key.getKeyType() + " (expected: RSA, EC, OKP or oct)");
        };
    }
}
