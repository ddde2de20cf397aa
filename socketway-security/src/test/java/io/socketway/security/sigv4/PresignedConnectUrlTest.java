package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.KEY;
import static io.socketway.security.sigv4.Fixtures.KEY_ID;
import static io.socketway.security.sigv4.Fixtures.MISMATCH;
import static io.socketway.security.sigv4.Fixtures.SECRET;
import static io.socketway.security.sigv4.Fixtures.denied;
import static io.socketway.security.sigv4.Fixtures.verifierAt;
import static io.socketway.security.sigv4.Fixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Presigned {@code $connect} URLs made with the SDK signer ({@code AUTH_LOCATION=QUERY_STRING}) verify until expiry. */
class PresignedConnectUrlTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-05-06T07:08:09Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static SignedRequest presigned(Duration expires) {
        return SdkSigning.presign("https", "/dev", Map.of("x", "1"), SIGNED_AT, expires, null);
    }

    @Test
    void acceptsUrlPresignedForWss() {
        SignedRequest request = presigned(FIVE_MINUTES);

        assertThat(request.rawQuery()).contains("X-Amz-Expires=300").contains("X-Amz-SignedHeaders=host");
        assertThat(verifierFor(request).verifyPresigned(request, "dev")).isEqualTo(new Verification.Allowed(KEY));
    }

    @ParameterizedTest(name = "{0}, PAYLOAD_SIGNING_ENABLED={1}")
    @CsvSource({"https, true", "https, false", "http, true", "http, false"})
    void acceptsBothPayloadHashesPresignersUse(String protocol, boolean signPayload) {
        SignedRequest request =
                SdkSigning.presign(protocol, "/dev", Map.of("x", "1"), SIGNED_AT, FIVE_MINUTES, null, signPayload);

        assertThat(verifierFor(request).verifyPresigned(request, "dev")).isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsUrlWithoutExpiresWithinClockSkew() {
        SignedRequest request = SdkSigning.presign("https", "/dev", Map.of(), SIGNED_AT, null, null);

        assertThat(request.rawQuery()).doesNotContain("X-Amz-Expires");
        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(4))).verifyPresigned(request, "dev"))
                .isEqualTo(new Verification.Allowed(KEY));
        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(6))).verifyPresigned(request, "dev"))
                .isEqualTo(denied("Signature expired: 20260506T070809Z is now earlier than 20260506T070909Z"
                        + " (20260506T071409Z - 5 min.)"));
    }

    @Test
    void acceptsSignedSessionToken() {
        SignedRequest request = SdkSigning.presign("https", "/dev", Map.of(), SIGNED_AT, FIVE_MINUTES, "token/+=");

        assertThat(request.rawQuery()).contains("X-Amz-Security-Token=token%2F%2B%3D");
        assertThat(verifierFor(request).verifyPresigned(request, "dev")).isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesSessionTokenAddedAfterSigning() {
        SignedRequest signed = presigned(FIVE_MINUTES);
        SignedRequest request = Requests.withQuery(signed, signed.rawQuery() + "&X-Amz-Security-Token=later");

        assertThat(verifierFor(request).verifyPresigned(request, "dev")).isEqualTo(denied(MISMATCH));
    }

    @Test
    void acceptsUrlLongAfterSigningWhileNotExpired() {
        SignedRequest request = presigned(Duration.ofHours(1));

        assertThat(verifierAt(SIGNED_AT.plus(Duration.ofMinutes(59))).verifyPresigned(request, "dev"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesUrlPastExpires() {
        SignedRequest request = presigned(FIVE_MINUTES);

        assertThat(verifierAt(SIGNED_AT.plus(FIVE_MINUTES).plusSeconds(1)).verifyPresigned(request, "dev"))
                .isEqualTo(denied("Request has expired"));
    }

    @Test
    void refusesUrlSignedInTheFuture() {
        SignedRequest request = presigned(FIVE_MINUTES);

        assertThat(verifierAt(SIGNED_AT.minus(Duration.ofMinutes(6))).verifyPresigned(request, "dev"))
                .isEqualTo(denied("Signature not yet current: 20260506T070809Z is still later than 20260506T070709Z"
                        + " (20260506T070209Z + 5 min.)"));
    }

    @Test
    void refusesChangedParameter() {
        SignedRequest signed = presigned(FIVE_MINUTES);
        SignedRequest request = Requests.withQuery(signed, signed.rawQuery().replace("x=1", "x=2"));

        assertThat(verifierFor(request).verifyPresigned(request, "dev")).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesUrlUsedOnOtherStage() {
        SignedRequest request = Requests.withPath(presigned(FIVE_MINUTES), "/prod");

        assertThat(verifierFor(request).verifyPresigned(request, "prod")).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesKeyLimitedToOtherStage() {
        AccessKey prodOnly = new AccessKey(KEY_ID, SECRET, Set.of("prod"), Set.of());
        SignedRequest request = presigned(FIVE_MINUTES);

        assertThat(verifierFor(request, prodOnly).verifyPresigned(request, "dev")).isEqualTo(denied(
                "User: AKIDEXAMPLE is not authorized to perform: execute-api:Invoke on resource:"
                        + " arn:aws:execute-api:us-east-1:*:*/dev/$connect"));
    }

    @Test
    void refusesUrlWithoutSignature() {
        SignedRequest signed = presigned(FIVE_MINUTES);
        SignedRequest request = Requests.withQuery(signed, signed.rawQuery().replaceAll("&?X-Amz-Signature=[0-9a-f]+", ""));

        assertThat(verifierFor(signed).verifyPresigned(request, "dev")).isEqualTo(denied(
                "AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters."));
    }

    @ParameterizedTest(name = "X-Amz-Expires={0}")
    @CsvSource(delimiter = '|', value = {
        "abc    | X-Amz-Expires should be a number",
        "-1     | X-Amz-Expires must be non-negative",
        "604801 | X-Amz-Expires must be less than a week (in seconds) that is 604800",
        "0      | Request has expired"})
    void refusesBadExpires(String expires, String message) {
        SignedRequest signed = presigned(FIVE_MINUTES);
        SignedRequest request = Requests.withQuery(signed, signed.rawQuery().replace("X-Amz-Expires=300",
                "X-Amz-Expires=" + expires));

        assertThat(verifierFor(signed).verifyPresigned(request, "dev")).isEqualTo(denied(message));
    }

    @Test
    void acceptsConnectSignedInHeaders() {
        SignedRequest request = SdkSigning.headerSigned(SdkHttpMethod.GET, "/dev", "", SIGNED_AT, "execute-api",
                Fixtures.REGION, SECRET);

        assertThat(verifierFor(request).verifyPresigned(request, "dev")).isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesBothHeaderAndQuerySignatures() {
        SignedRequest headerSigned = SdkSigning.headerSigned(SdkHttpMethod.GET, "/dev", "", SIGNED_AT, "execute-api",
                Fixtures.REGION, SECRET);
        SignedRequest request = Requests.withQuery(headerSigned, presigned(FIVE_MINUTES).rawQuery());

        assertThat(verifierFor(headerSigned).verifyPresigned(request, "dev")).isEqualTo(denied(
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string"
                        + " parameter or the Authorization header should be specified"));
    }

    @Test
    void answersMissingTokenWithoutCredentials() {
        SignedRequest request = Requests.withQuery(presigned(FIVE_MINUTES), "x=1");

        assertThat(verifierAt(SIGNED_AT).verifyPresigned(request, "dev"))
                .isEqualTo(denied("Missing Authentication Token"));
    }
}
