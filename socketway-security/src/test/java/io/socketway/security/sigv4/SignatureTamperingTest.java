package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.KEY;
import static io.socketway.security.sigv4.Fixtures.KEY_ID;
import static io.socketway.security.sigv4.Fixtures.MISMATCH;
import static io.socketway.security.sigv4.Fixtures.SECRET;
import static io.socketway.security.sigv4.Fixtures.denied;
import static io.socketway.security.sigv4.Fixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** Any change to what was signed, and any wrong key, region or service, is refused with AWS's message. */
@Timeout(30)
class SignatureTamperingTest {

    private static SignedRequest post;

    @BeforeAll
    static void capture() throws Exception {
        try (CaptureServer server = new CaptureServer();
                ApiGatewayManagementApiClient client = SdkClients.overHttp(server.endpoint("dev"), SdkClients.BASIC)) {
            client.postToConnection(r -> r.connectionId("abc=").data(SdkBytes.fromUtf8String("{\"text\":\"hi\"}")));
            post = server.take();
        }
    }

    private static Verification verify(SignedRequest request, AccessKey... keys) {
        return verifierFor(post, keys).verifyManagement(request, "dev", "POST");
    }

    @Test
    void acceptsTheUntouchedRequest() {
        assertThat(verify(post)).isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesWrongSecret() {
        assertThat(verify(post, AccessKey.of(KEY_ID, "not-the-secret"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesUnknownKeyId() {
        assertThat(verify(post, AccessKey.of("AKIDOTHER", SECRET)))
                .isEqualTo(denied("The security token included in the request is invalid."));
    }

    @Test
    void refusesChangedBody() {
        assertThat(verify(Requests.withBody(post, "{\"text\":\"evil\"}")))
                .isEqualTo(denied("The provided 'x-amz-content-sha256' header does not match what was computed."));
    }

    @Test
    void refusesChangedBodyWithMatchingContentHash() {
        SignedRequest body = Requests.withBody(post, "{\"text\":\"evil\"}");
        SignedRequest request = Requests.withHeader(body, "X-amz-content-sha256", Hashing.sha256Hex(body.body()));

        assertThat(verify(request)).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesOtherConnectionId() {
        assertThat(verify(Requests.withPath(post, "/dev/@connections/xyz%3D"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesPercentEncodedAtSign() {
        // The signature covers the path as sent; a proxy that re-encodes '@' breaks it, as on AWS.
        assertThat(verify(Requests.withPath(post, "/dev/%40connections/abc%3D"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesOtherMethod() {
        assertThat(verify(Requests.withMethod(post, "PUT"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesChangedSignedHeader() {
        assertThat(verify(Requests.withHeader(post, "Content-type", "text/plain"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesRemovedSignedHeader() {
        assertThat(verify(Requests.withoutHeader(post, "Amz-sdk-invocation-id"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void acceptsAddedUnsignedHeader() {
        assertThat(verify(Requests.addHeader(post, "X-Forwarded-For", "203.0.113.7")))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesAddedQueryParameter() {
        assertThat(verify(Requests.withQuery(post, "extra=1"))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesFlippedSignature() {
        String authorization = Requests.header(post, "Authorization");
        char last = authorization.charAt(authorization.length() - 1);
        String flipped = authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(verify(Requests.withHeader(post, "Authorization", flipped))).isEqualTo(denied(MISMATCH));
    }

    @Test
    void refusesMissingAuthorization() {
        assertThat(verify(Requests.withoutHeader(post, "Authorization")))
                .isEqualTo(denied("Missing Authentication Token"));
    }

    @Test
    void refusesUnsignedSessionToken() {
        assertThat(verify(Requests.addHeader(post, "X-Amz-Security-Token", "stolen")))
                .isEqualTo(denied("The security token included in the request is invalid."));
    }

    @Test
    void refusesQuerySignatureNextToHeaderSignature() {
        assertThat(verify(Requests.withQuery(post, "X-Amz-Signature=" + "0".repeat(64)))).isEqualTo(denied(
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string"
                        + " parameter or the Authorization header should be specified"));
    }

    @Test
    void refusesPresignedManagementCall() {
        SignedRequest presigned = SdkSigning.presign("https", "/dev/@connections/abc%3D", Map.of(),
                Instant.parse("2026-02-03T04:05:06Z"), Duration.ofMinutes(5), null);

        assertThat(verifierFor(presigned).verifyManagement(presigned, "dev", "GET")).isEqualTo(denied(
                "Query-string authentication is not accepted for @connections calls (expected: an Authorization"
                        + " header)"));
    }

    @Test
    void refusesOtherRegion() {
        SignedRequest request = SdkSigning.headerSigned(SdkHttpMethod.POST, "/dev/@connections/abc%3D", "x",
                Instant.parse("2026-02-03T04:05:06Z"), "execute-api", "eu-west-1", SECRET);

        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(denied("Credential should be scoped to a valid region, not 'eu-west-1'. "));
    }

    @Test
    void refusesOtherService() {
        SignedRequest request = SdkSigning.headerSigned(SdkHttpMethod.POST, "/dev/@connections/abc%3D", "x",
                Instant.parse("2026-02-03T04:05:06Z"), "apigateway", Fixtures.REGION, SECRET);

        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(denied("Credential should be scoped to correct service: 'execute-api'. "));
    }

    @Test
    void acceptsUnsignedPayloadAndLeavesTheBodyToTls() {
        SignedRequest request = SdkSigning.headerSigned(SdkHttpMethod.POST, "/dev/@connections/abc%3D", "original",
                Instant.parse("2026-02-03T04:05:06Z"), "execute-api", Fixtures.REGION, SECRET, false);

        assertThat(Requests.header(request, "x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
        // Documented: with UNSIGNED-PAYLOAD the signature does not cover the body, as on AWS.
        assertThat(verifierFor(request).verifyManagement(Requests.withBody(request, "changed"), "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }
}
