package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.KEY;
import static io.socketway.security.sigv4.Fixtures.SECRET;
import static io.socketway.security.sigv4.Fixtures.denied;
import static io.socketway.security.sigv4.Fixtures.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** A header signature is valid for {@code maxSkew} on either side of its {@code X-Amz-Date}, and replays within it. */
class ClockSkewTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-02-03T04:05:06Z");
    private static final SignedRequest REQUEST = SdkSigning.headerSigned(SdkHttpMethod.DELETE,
            "/dev/@connections/abc%3D", "", SIGNED_AT, "execute-api", Fixtures.REGION, SECRET);

    private static Verification verifyAt(Instant now) {
        return verifierAt(now).verifyManagement(REQUEST, "dev", "DELETE");
    }

    @Test
    void refusesSignatureOlderThanSkew() {
        assertThat(verifyAt(SIGNED_AT.plus(Duration.ofMinutes(6)))).isEqualTo(denied("Signature expired:"
                + " 20260203T040506Z is now earlier than 20260203T040606Z (20260203T041106Z - 5 min.)"));
    }

    @Test
    void refusesSignatureFromBeyondSkewInTheFuture() {
        assertThat(verifyAt(SIGNED_AT.minus(Duration.ofMinutes(6)))).isEqualTo(denied("Signature not yet current:"
                + " 20260203T040506Z is still later than 20260203T040406Z (20260203T035906Z + 5 min.)"));
    }

    @Test
    void acceptsSignatureAtEitherEdgeOfTheWindow() {
        assertThat(verifyAt(SIGNED_AT.plus(Duration.ofMinutes(5)))).isEqualTo(new Verification.Allowed(KEY));
        assertThat(verifyAt(SIGNED_AT.minus(Duration.ofMinutes(5)))).isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsReplayWithinTheWindow() {
        // Documented: like AWS, the verifier keeps no memory of signatures; TLS keeps requests from being captured.
        SigV4Verifier verifier = verifierAt(SIGNED_AT.plus(Duration.ofMinutes(1)));

        assertThat(verifier.verifyManagement(REQUEST, "dev", "DELETE")).isEqualTo(new Verification.Allowed(KEY));
        assertThat(verifier.verifyManagement(REQUEST, "dev", "DELETE")).isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void namesAConfiguredSkewInSeconds() {
        SigV4Verifier verifier = new SigV4Verifier(List.of(KEY), Fixtures.REGION,
                Clock.fixed(SIGNED_AT.plus(Duration.ofMinutes(2)), ZoneOffset.UTC), Duration.ofSeconds(90));

        assertThat(verifier.verifyManagement(REQUEST, "dev", "DELETE")).isEqualTo(denied("Signature expired:"
                + " 20260203T040506Z is now earlier than 20260203T040536Z (20260203T040706Z - 90 sec.)"));
    }
}
