package io.socketway.security.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Keys, region and verifier factories shared by the SigV4 tests. */
final class Fixtures {

    static final String REGION = "us-east-1";
    static final String KEY_ID = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final AccessKey KEY = AccessKey.of(KEY_ID, SECRET);
    static final Duration SKEW = Duration.ofMinutes(5);

    static {
        QuietSdkLogs.apply();
    }

    private Fixtures() {}

    /** Returns a verifier that knows {@code keys} and whose clock stands still at {@code now}. */
    static SigV4Verifier verifierAt(Instant now, AccessKey... keys) {
        return new SigV4Verifier(List.of(keys.length == 0 ? new AccessKey[] {KEY} : keys), REGION,
                Clock.fixed(now, ZoneOffset.UTC), SKEW);
    }

    /** Returns a verifier whose clock reads the request's own {@code X-Amz-Date} (or query date). */
    static SigV4Verifier verifierFor(SignedRequest request, AccessKey... keys) {
        return verifierAt(Requests.signedAt(request), keys);
    }

    static Verification.Denied denied(String message) {
        return new Verification.Denied(403, "ForbiddenException", message);
    }

    static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
}
