package io.socketway.security.jwt;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Describes what a {@link JwtVerifier} accepts: a JWT authorizer's {@code JwtConfiguration} plus where the keys
 * come from. Immutable; validated on construction; {@link #toString()} never shows the HMAC secret.
 *
 * <p>Keys come from a JWKS URL <em>or</em> a file, optionally together with an HMAC secret. The algorithms a token
 * may use follow from these key types: RS256/384/512 and PS256/384/512 for RSA keys, ES256/384/512 for P-256/384/521
 * keys, EdDSA for Ed25519 keys, and HS256 only for {@link #hmacSecret()}. Symmetric keys in a JWKS are ignored.
 *
 * @param issuer the exact {@code iss} a token must carry ({@code JwtConfiguration.Issuer})
 * @param audiences accepted {@code aud} values, at least one ({@code JwtConfiguration.Audience}); a token whose
 *     {@code aud} is absent is checked by its {@code client_id}, as API Gateway does
 * @param jwksUri an {@code http} or {@code https} URL serving a JWK set, fetched lazily and cached
 * @param jwksFile a file holding a JWK set (JSON) or PEM {@code PUBLIC KEY} blocks (RSA, EC or Ed25519)
 * @param hmacSecret a shared HS256 secret of at least 32 bytes; the record keeps its own copy
 * @param clockSkew the tolerance for {@code exp}, {@code nbf} and {@code iat}, in whole seconds; default 60 s
 * @param jwksCacheTtl how long fetched keys are used before the URL is asked again; default 5 min. Keys stay usable
 *     for ten times as long while the URL is down.
 * @param jwksRefreshMinInterval the rate limit on fetches: a token with an unknown {@code kid} refreshes the keys,
 *     but Nimbus' rate limiter lets at most two fetches (regular ones included) through in any such interval, so a
 *     flood of random {@code kid}s cannot hammer the identity provider; default 30 s, less than {@code jwksCacheTtl}
 * @param requiredScopes scopes of which a token needs at least one ({@code scope} or {@code scp}), else 403; empty
 *     (the default) checks none
 */
public record JwtSettings(
        String issuer,
        Set<String> audiences,
        Optional<URI> jwksUri,
        Optional<Path> jwksFile,
        Optional<byte[]> hmacSecret,
        Duration clockSkew,
        Duration jwksCacheTtl,
        Duration jwksRefreshMinInterval,
        Set<String> requiredScopes) {

    /** The default {@link #clockSkew()}: 60 seconds. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** The default {@link #jwksCacheTtl()}: 5 minutes. */
    public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
    /** The default {@link #jwksRefreshMinInterval()}: 30 seconds. */
    public static final Duration DEFAULT_JWKS_REFRESH_MIN_INTERVAL = Duration.ofSeconds(30);
    /** The shortest HMAC secret HS256 accepts: 32 bytes. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;

    public JwtSettings {
        checkArgument(issuer != null && !issuer.isBlank(), "issuer: %s (expected: not blank)", issuer);
        audiences = Set.copyOf(notNull(audiences, "audiences"));
        checkArgument(!audiences.isEmpty(), "audiences: [] (expected: at least one)");
        notNull(jwksUri, "jwksUri").ifPresent(JwtSettings::checkJwksUri);
        notNull(jwksFile, "jwksFile");
        hmacSecret = notNull(hmacSecret, "hmacSecret").map(byte[]::clone);
        checkKeySources(jwksUri, jwksFile, hmacSecret);
        checkDuration("clockSkew", clockSkew, Duration.ZERO);
        checkDuration("jwksCacheTtl", jwksCacheTtl, Duration.ofMillis(1));
        checkDuration("jwksRefreshMinInterval", jwksRefreshMinInterval, Duration.ofMillis(1));
        checkArgument(jwksRefreshMinInterval.compareTo(jwksCacheTtl) < 0,
                "jwksRefreshMinInterval: %s (expected: < jwksCacheTtl %s)", jwksRefreshMinInterval, jwksCacheTtl);
        requiredScopes = Set.copyOf(notNull(requiredScopes, "requiredScopes"));
    }

    /** Returns settings that take keys from a JWKS URL, with the defaults for everything else. */
    public static JwtSettings ofJwksUri(String issuer, Set<String> audiences, URI jwksUri) {
        return new JwtSettings(issuer, audiences, Optional.of(jwksUri), Optional.empty(), Optional.empty(),
                DEFAULT_CLOCK_SKEW, DEFAULT_JWKS_CACHE_TTL, DEFAULT_JWKS_REFRESH_MIN_INTERVAL, Set.of());
    }

    /** Returns settings that take keys from a JWKS or PEM file, with the defaults for everything else. */
    public static JwtSettings ofJwksFile(String issuer, Set<String> audiences, Path jwksFile) {
        return new JwtSettings(issuer, audiences, Optional.empty(), Optional.of(jwksFile), Optional.empty(),
                DEFAULT_CLOCK_SKEW, DEFAULT_JWKS_CACHE_TTL, DEFAULT_JWKS_REFRESH_MIN_INTERVAL, Set.of());
    }

    /** Returns settings that accept HS256 tokens signed with {@code secret} only. */
    public static JwtSettings ofHmacSecret(String issuer, Set<String> audiences, byte[] secret) {
        return new JwtSettings(issuer, audiences, Optional.empty(), Optional.empty(), Optional.of(secret),
                DEFAULT_CLOCK_SKEW, DEFAULT_JWKS_CACHE_TTL, DEFAULT_JWKS_REFRESH_MIN_INTERVAL, Set.of());
    }

    /** Returns a copy that also accepts HS256 tokens signed with {@code secret}. */
    public JwtSettings withHmacSecret(byte[] secret) {
        return new JwtSettings(issuer, audiences, jwksUri, jwksFile, Optional.of(secret), clockSkew, jwksCacheTtl,
                jwksRefreshMinInterval, requiredScopes);
    }

    /** Returns a copy with another clock skew. */
    public JwtSettings withClockSkew(Duration value) {
        return new JwtSettings(issuer, audiences, jwksUri, jwksFile, hmacSecret, value, jwksCacheTtl,
                jwksRefreshMinInterval, requiredScopes);
    }

    /** Returns a copy with another JWKS cache lifetime and refresh rate limit. */
    public JwtSettings withJwksCache(Duration cacheTtl, Duration refreshMinInterval) {
        return new JwtSettings(issuer, audiences, jwksUri, jwksFile, hmacSecret, clockSkew, cacheTtl,
                refreshMinInterval, requiredScopes);
    }

    /** Returns a copy that requires at least one of {@code scopes}. */
    public JwtSettings withRequiredScopes(Set<String> scopes) {
        return new JwtSettings(issuer, audiences, jwksUri, jwksFile, hmacSecret, clockSkew, jwksCacheTtl,
                jwksRefreshMinInterval, scopes);
    }

    /** Returns a copy of the HMAC secret, so that callers cannot change it. */
    @Override
    public Optional<byte[]> hmacSecret() {
        return hmacSecret.map(byte[]::clone);
    }

    /** Compares every component, the HMAC secret by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JwtSettings settings && components().equals(settings.components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
    }

    /** Lists every component, the HMAC secret as {@code <hidden>}. */
    @Override
    public String toString() {
        return "JwtSettings[issuer=" + issuer + ", audiences=" + audiences + ", jwksUri=" + jwksUri
                + ", jwksFile=" + jwksFile + ", hmacSecret=" + hmacSecret.map(secret -> "<hidden>")
                + ", clockSkew=" + clockSkew + ", jwksCacheTtl=" + jwksCacheTtl
                + ", jwksRefreshMinInterval=" + jwksRefreshMinInterval + ", requiredScopes=" + requiredScopes + "]";
    }

    private List<Object> components() {
        return List.of(issuer, audiences, jwksUri, jwksFile, hmacSecret.map(ByteBuffer::wrap), clockSkew,
                jwksCacheTtl, jwksRefreshMinInterval, requiredScopes);
    }

    private static void checkJwksUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        checkArgument(uri.isAbsolute() && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null,
                "jwksUri: %s (expected: an absolute http or https URL)", uri);
    }

    private static void checkKeySources(Optional<URI> uri, Optional<Path> file, Optional<byte[]> secret) {
        checkArgument(uri.isEmpty() || file.isEmpty(),
                "jwksFile: %s (expected: empty when jwksUri is set)", file.orElse(null));
        checkArgument(uri.isPresent() || file.isPresent() || secret.isPresent(),
                "jwksUri, jwksFile, hmacSecret: all empty (expected: at least one key source)");
        secret.ifPresent(bytes -> checkArgument(bytes.length >= MIN_HMAC_SECRET_BYTES,
                "hmacSecret: %s bytes (expected: >= %s)", bytes.length, MIN_HMAC_SECRET_BYTES));
    }

    private static void checkDuration(String name, Duration value, Duration min) {
        notNull(value, name);
        checkArgument(value.compareTo(min) >= 0 && value.compareTo(Duration.ofDays(365)) <= 0,
                "%s: %s (expected: %s to 365 days)", name, value, min);
    }
}
