package io.socketway.security.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches keys from a JWKS URL through Nimbus' {@link JWKSourceBuilder} chain: a cache for {@code jwksCacheTtl}
 * refreshed ahead of expiry on a virtual thread, a rate limit of two fetches per {@code jwksRefreshMinInterval}, and
 * outage tolerance that keeps the last good keys for ten cache lifetimes. HTTP connect and read time out after 2 s.
 *
 * <p>A token whose key is not in the cached set forces one refresh, as Nimbus' {@code JWKSetBasedJWKSource} does; this
 * class repeats that small step so that the current time comes from the verifier's clock. Thread-safe.
 */
final class RemoteJwks implements VerificationKeys {
    static final int HTTP_TIMEOUT_MILLIS = 2_000;
    static final int MAX_JWKS_BYTES = 256 * 1024;
    private static final Duration MAX_REFRESH_AHEAD = Duration.ofSeconds(30);
    private static final Duration MAX_REFRESH_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

    private final URI uri;
    private final JWKSetSource<SecurityContext> source;

    RemoteJwks(URI uri, Duration cacheTtl, Duration refreshMinInterval) {
        this.uri = uri;
        this.source = build(uri, cacheTtl, refreshMinInterval);
    }

    @Override
    public Set<JWSAlgorithm> algorithms() {
        return JwsAlgorithms.ASYMMETRIC;
    }

    @Override
    public List<JWK> select(JWSHeader header, long nowMillis) throws KeySourceException {
        JWKSet cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), nowMillis, null);
        List<JWK> keys = VerificationKeys.matching(cached, header);
        if (!keys.isEmpty()) {
            return keys;
        }
        JWKSet refreshed = source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), nowMillis, null);
        return VerificationKeys.matching(refreshed, header);
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            log.debug("Closing the JWKS source for {} failed", uri, e);
        }
    }

    private JWKSetSource<SecurityContext> build(URI uri, Duration cacheTtl, Duration refreshMinInterval) {
        long ttl = cacheTtl.toMillis();
        long quarter = Math.max(ttl / 4, 0);
        DefaultResourceRetriever retriever =
                new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, MAX_JWKS_BYTES);
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(url(uri), retriever)
                .cache(ttl, Math.min(MAX_REFRESH_WAIT.toMillis(), quarter))
                .refreshAheadCache(Math.min(MAX_REFRESH_AHEAD.toMillis(), quarter), event -> { },
                        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socketway-jwks-", 0).factory()),
                        true, null, false)
                .rateLimited(refreshMinInterval.toMillis(),
                        event -> log.debug("JWKS refresh for {} skipped: rate limit reached", uri))
                .outageTolerant(Math.multiplyExact(ttl, 10),
                        event -> log.warn("JWKS {} is unavailable; verifying with the last good keys", uri))
                .retrying(false);
        return ((JWKSetBasedJWKSource<SecurityContext>) builder.build()).getJWKSetSource();
    }

    private static URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("jwksUri: " + uri + " (expected: a URL)", e);
        }
    }
}
