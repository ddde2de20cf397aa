package io.socketway.security.jwt;

import static io.socketway.api.Checks.notNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the JWT of a {@code $connect} request against {@link JwtSettings}: signature, algorithm, {@code exp},
 * {@code nbf}, {@code iat}, {@code iss}, {@code aud}/{@code client_id} and the required scopes, as API Gateway's JWT
 * authorizer does for HTTP APIs.
 *
 * <p>Only the configured keys count: the accepted algorithms follow from their types (see {@link JwtSettings}),
 * {@code alg: none} and unsigned or encrypted tokens are refused, and keys or URLs named in a token's header
 * ({@code jwk}, {@code jku}, {@code x5u}) are never used. Tokens longer than {@value #MAX_TOKEN_CHARS} characters
 * are refused unread.
 *
 * <p>Thread-safe; share one instance per authorizer. {@link #verify} may block: with a JWKS URL it fetches keys on
 * first use, when the cache expires and when a token names an unknown {@code kid} (rate-limited), each fetch bounded
 * by 2-second connect and read timeouts; a caller that finds another thread fetching waits for it up to 5 seconds.
 * So call it off event loops, on a virtual thread. {@link #close()} stops background refreshes.
 */
public final class JwtVerifier implements AutoCloseable {

    /** The longest token {@link #verify} reads: 16 KiB, more than API Gateway's 10 KiB of request headers. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_=-]+\\.[A-Za-z0-9_=-]+\\.[A-Za-z0-9_=-]*");

    private final List<VerificationKeys> keySources;
    private final ClaimsCheck claimsCheck;
    private final Set<String> requiredScopes;
    private final Clock clock;

    private JwtVerifier(JwtSettings settings, List<VerificationKeys> keySources, Clock clock) {
        this.keySources = List.copyOf(keySources);
        this.claimsCheck = new ClaimsCheck(settings, clock);
        this.requiredScopes = settings.requiredScopes();
        this.clock = clock;
    }

    /**
     * Returns a verifier for {@code settings}. A JWKS URL is not fetched yet; a JWKS file is read now.
     *
     * @throws IllegalArgumentException if the JWKS file holds no usable key
     * @throws java.io.UncheckedIOException if the JWKS file cannot be read
     */
    public static JwtVerifier create(JwtSettings settings) {
        return create(settings, Clock.systemUTC());
    }

    static JwtVerifier create(JwtSettings settings, Clock clock) {
        notNull(settings, "settings");
        List<VerificationKeys> sources = new ArrayList<>();
        settings.hmacSecret().ifPresent(secret -> sources.add(StaticKeys.ofSecret(secret)));
        settings.jwksFile().ifPresent(file -> sources.add(StaticKeys.ofFile(file)));
        settings.jwksUri().ifPresent(uri -> sources.add(
                new RemoteJwks(uri, settings.jwksCacheTtl(), settings.jwksRefreshMinInterval())));
        return new JwtVerifier(settings, sources, notNull(clock, "clock"));
    }

    /**
     * Returns {@link JwtResult.Valid} with the token's claims, or {@link JwtResult.Invalid} with a status and a
     * reason for the log. Never throws for a bad token, however malformed; a request without a token never gets
     * here (see {@link TokenLocator#find}).
     *
     * @param token the compact JWS, without a {@code Bearer} prefix
     */
    public JwtResult verify(String token) {
        notNull(token, "token");
        try {
            return verifyOrThrow(token);
        } catch (Rejection e) {
            return e.result;
        } catch (ParseException e) {
            return Rejection.unauthorized("malformed token: " + e.getMessage()).result;
        } catch (RuntimeException e) {
            log.debug("Unexpected failure while verifying a token", e);
            return Rejection.unauthorized("unverifiable token: " + e).result;
        }
    }

    /** Stops background JWKS refreshes. */
    @Override
    public void close() {
        keySources.forEach(VerificationKeys::close);
    }

    private JwtResult verifyOrThrow(String token) throws Rejection, ParseException {
        SignedJWT jwt = parse(token);
        checkSignature(jwt);
        Map<String, @Nullable Object> payload = jwt.getPayload().toJSONObject();
        if (payload == null) {
            throw Rejection.unauthorized("payload: not a JSON object");
        }
        checkClaims(jwt);
        List<String> scopes = Scopes.of(payload);
        if (!requiredScopes.isEmpty() && scopes.stream().noneMatch(requiredScopes::contains)) {
            throw new Rejection(403, "scopes " + scopes + " hold none of " + requiredScopes);
        }
        return new JwtResult.Valid(ClaimStrings.of(payload), scopes);
    }

    private static SignedJWT parse(String token) throws Rejection, ParseException {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw Rejection.unauthorized("token length: " + token.length() + " (expected: <= " + MAX_TOKEN_CHARS + ")");
        }
        if (!COMPACT.matcher(token).matches()) {
            throw Rejection.unauthorized("token: not three base64url parts (expected: a compact JWS)");
        }
        JWT jwt = JWTParser.parse(token);
        if (!(jwt instanceof SignedJWT signed)) {
            throw Rejection.unauthorized("token: " + jwt.getHeader().getAlgorithm() + " (expected: a signed JWS)");
        }
        return signed;
    }

    private void checkSignature(SignedJWT jwt) throws Rejection {
        JWSHeader header = jwt.getHeader();
        JWSAlgorithm algorithm = header.getAlgorithm();
        VerificationKeys source = sourceFor(algorithm).orElseThrow(() -> Rejection.unauthorized(
                "alg: " + algorithm + " (expected: one of " + acceptedAlgorithms() + ")"));
        List<JWK> candidates = select(source, header);
        if (candidates.isEmpty()) {
            throw Rejection.unauthorized("no " + algorithm + " key for kid " + header.getKeyID());
        }
        if (candidates.stream().noneMatch(key -> verifies(jwt, key))) {
            throw Rejection.unauthorized("signature: invalid for kid " + header.getKeyID());
        }
    }

    private List<JWK> select(VerificationKeys source, JWSHeader header) throws Rejection {
        try {
            return source.select(header, clock.millis());
        } catch (KeySourceException e) {
            throw Rejection.unauthorized("keys unavailable for kid " + header.getKeyID() + ": " + e.getMessage());
        }
    }

    private static boolean verifies(SignedJWT jwt, JWK key) {
        try {
            return jwt.verify(JwsAlgorithms.verifierFor(key));
        } catch (JOSEException | IllegalStateException e) {
            log.debug("Key {} cannot verify this token", key.getKeyID(), e);
            return false;
        }
    }

    private void checkClaims(SignedJWT jwt) throws Rejection, ParseException {
        try {
            claimsCheck.verify(jwt.getJWTClaimsSet(), null);
        } catch (BadJWTException e) {
            throw Rejection.unauthorized("claims: " + e.getMessage());
        }
    }

    private Optional<VerificationKeys> sourceFor(JWSAlgorithm algorithm) {
        return keySources.stream().filter(source -> source.algorithms().contains(algorithm)).findFirst();
    }

    private List<String> acceptedAlgorithms() {
        return keySources.stream().flatMap(source -> source.algorithms().stream()).map(JWSAlgorithm::getName)
                .sorted().toList();
    }

    /**
     * Ends verification early with a result; carries no stack trace. Reasons may quote the token, so control
     * characters are replaced and length is capped before they reach a log.
     */
    private static final class Rejection extends Exception {
        private static final int MAX_REASON_CHARS = 300;
        private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

        private final transient JwtResult.Invalid result;

        Rejection(int status, String reason) {
            super(null, null, false, false);
            String printable = CONTROL.matcher(String.valueOf(reason)).replaceAll("?");
            this.result = new JwtResult.Invalid(status, printable.length() <= MAX_REASON_CHARS ? printable
                    : printable.substring(0, MAX_REASON_CHARS) + "...");
        }

        static Rejection unauthorized(String reason) {
            return new Rejection(401, reason);
        }
    }
}
