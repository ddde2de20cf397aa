package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.KEY_ID;
import static io.socketway.security.sigv4.Fixtures.SECRET;
import static io.socketway.security.sigv4.Fixtures.denied;
import static io.socketway.security.sigv4.Fixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** A key limited to stages or operations is refused elsewhere with an IAM-shaped message; keys check themselves. */
class KeyPermissionsTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-02-03T04:05:06Z");

    private static SignedRequest signed(SdkHttpMethod method, String stage) {
        return SdkSigning.headerSigned(method, "/" + stage + "/@connections/abc%3D", "", SIGNED_AT, "execute-api",
                Fixtures.REGION, SECRET);
    }

    @Test
    void refusesStageLimitedKeyOnOtherStage() {
        AccessKey devOnly = new AccessKey(KEY_ID, SECRET, Set.of("dev"), Set.of());
        SignedRequest prod = signed(SdkHttpMethod.POST, "prod");

        assertThat(verifierFor(prod, devOnly).verifyManagement(prod, "prod", "POST")).isEqualTo(denied(
                "User: AKIDEXAMPLE is not authorized to perform: execute-api:ManageConnections on resource:"
                        + " arn:aws:execute-api:us-east-1:*:*/prod/POST/@connections/*"));
        SignedRequest dev = signed(SdkHttpMethod.POST, "dev");
        assertThat(verifierFor(dev, devOnly).verifyManagement(dev, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(devOnly));
    }

    @Test
    void refusesPostOnlyKeyOnDelete() {
        AccessKey postOnly = new AccessKey(KEY_ID, SECRET, Set.of(), Set.of("POST"));
        SignedRequest delete = signed(SdkHttpMethod.DELETE, "dev");

        assertThat(verifierFor(delete, postOnly).verifyManagement(delete, "dev", "DELETE")).isEqualTo(denied(
                "User: AKIDEXAMPLE is not authorized to perform: execute-api:ManageConnections on resource:"
                        + " arn:aws:execute-api:us-east-1:*:*/dev/DELETE/@connections/*"));
        SignedRequest post = signed(SdkHttpMethod.POST, "dev");
        assertThat(verifierFor(post, postOnly).verifyManagement(post, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(postOnly));
    }

    @Test
    void hidesSecretInToString() {
        assertThat(new AccessKey(KEY_ID, SECRET, Set.of("dev"), Set.of("GET")).toString())
                .isEqualTo("AccessKey[accessKeyId=AKIDEXAMPLE, secretAccessKey=****, stages=[dev], operations=[GET]]")
                .doesNotContain(SECRET);
    }

    @Test
    void keepsHeaderValuesAndBodyOutOfRequestToString() {
        SignedRequest request = signed(SdkHttpMethod.POST, "dev");

        assertThat(request.toString()).startsWith("SignedRequest[POST /dev/@connections/abc%3D, headers=[")
                .doesNotContain("Signature=").endsWith("body=0 bytes]");
    }

    @Test
    void refusesInvalidKeys() {
        assertThatThrownBy(() -> new AccessKey(KEY_ID, SECRET, Set.of(), Set.of("PUT")))
                .hasMessage("operations: [PUT] (expected: a subset of [POST, GET, DELETE])");
        assertThatThrownBy(() -> AccessKey.of("has/slash", SECRET))
                .hasMessage("accessKeyId: has/slash (expected: [A-Za-z0-9_.-]{1,128})");
        assertThatThrownBy(() -> AccessKey.of(KEY_ID, ""))
                .hasMessage("secretAccessKey: (empty) (expected: a non-empty secret)");
    }

    @Test
    void refusesInvalidVerifierSettings() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new SigV4Verifier(List.of(Fixtures.KEY, Fixtures.KEY), "us-east-1", clock,
                Duration.ofMinutes(5))).hasMessage("keys: AKIDEXAMPLE appears twice (expected: distinct access key ids)");
        assertThatThrownBy(() -> new SigV4Verifier(List.of(Fixtures.KEY), "US East", clock, Duration.ofMinutes(5)))
                .hasMessage("region: US East (expected: [a-z0-9-]{1,64})");
        assertThatThrownBy(() -> new SigV4Verifier(List.of(Fixtures.KEY), "us-east-1", clock, Duration.ZERO))
                .hasMessage("maxSkew: PT0S (expected: > 0)");
    }

    @Test
    void comparesRequestsByContent() {
        SignedRequest one = new SignedRequest("GET", "/", "", List.of(Map.entry("Host", "h")), new byte[] {1, 2});
        SignedRequest two = new SignedRequest("GET", "/", "", List.of(Map.entry("Host", "h")), new byte[] {1, 2});

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    }
}
