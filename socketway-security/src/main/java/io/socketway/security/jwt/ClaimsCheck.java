package io.socketway.security.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a token's claims as API Gateway's JWT authorizer does: {@code exp} required and in the future, {@code nbf}
 * and {@code iat} not in the future, {@code iss} equal to the issuer, and {@code aud} (or {@code client_id} when
 * {@code aud} is absent) one of the audiences. Every time check allows the clock skew. Nimbus'
 * {@link DefaultJWTClaimsVerifier} does {@code exp}, {@code nbf} and {@code iss}; this class adds the rest and reads
 * the time from a {@link Clock}. Thread-safe.
 */
final class ClaimsCheck extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final Clock clock;
    private final Set<String> audiences;
    private final Duration skew;

    ClaimsCheck(JwtSettings settings, Clock clock) {
        super(null, new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "iss"), null);
        this.clock = clock;
        this.audiences = settings.audiences();
        this.skew = Duration.ofSeconds(settings.clockSkew().toSeconds());
        setMaxClockSkew(Math.toIntExact(skew.toSeconds()));
    }

    @Override
    public void verify(JWTClaimsSet claims, @Nullable SecurityContext context) throws BadJWTException {
        super.verify(claims, context);
        checkIssuedAt(claims.getIssueTime());
        checkAudience(claims);
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    private void checkIssuedAt(@Nullable Date issuedAt) throws BadJWTException {
        Instant latest = clock.instant().plus(skew);
        if (issuedAt != null && issuedAt.toInstant().isAfter(latest)) {
            throw new BadJWTException("JWT iat " + issuedAt.toInstant() + " is in the future");
        }
    }

    private void checkAudience(JWTClaimsSet claims) throws BadJWTException {
        if (claims.getClaim("aud") != null) {
            List<String> audience = claims.getAudience();
            if (audience.stream().noneMatch(audiences::contains)) {
                throw new BadJWTException("JWT aud " + audience + " is none of " + audiences);
            }
            return;
        }
        Object clientId = claims.getClaim("client_id");
        if (!(clientId instanceof String id && audiences.contains(id))) {
            throw new BadJWTException("JWT has no aud, and client_id " + clientId + " is none of " + audiences);
        }
    }
}
