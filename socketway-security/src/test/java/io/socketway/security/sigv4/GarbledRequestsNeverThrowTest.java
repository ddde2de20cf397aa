package io.socketway.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.testing.RandomInputs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Whatever arrives in the Authorization header, the path, the query or the date, the verifier answers and never throws. */
class GarbledRequestsNeverThrowTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-02-03T04:05:06Z");
    private static final SignedRequest VALID = SdkSigning.headerSigned(SdkHttpMethod.POST,
            "/dev/@connections/abc%3D", "hello", SIGNED_AT, "execute-api", Fixtures.REGION, Fixtures.SECRET);
    private static final String AUTHORIZATION = Requests.header(VALID, "Authorization");
    private static final SigV4Verifier VERIFIER = Fixtures.verifierAt(SIGNED_AT);
    private static final List<String> ALGORITHMS =
            List.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "aws4-hmac-sha256", "");
    private static final List<String> SEPARATORS = List.of(", ", ",", " ", ",,", "");
    private static final List<String> PRESIGNED_NAMES = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "x");

    private final RandomInputs random = RandomInputs.forTests();

    /** A replacement path and query. */
    record PathAndQuery(String path, String query) {}

    /** A replacement X-Amz-Date header and method. */
    record DateAndMethod(String date, String method) {}

    @Test
    void arbitraryAuthorizationIsDenied() {
        random.forAll(1_000, r -> r.string(255), authorization -> {
            SignedRequest request = Requests.withHeader(VALID, "Authorization", authorization);

            assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isInstanceOf(Verification.Denied.class);
            assertThat(VERIFIER.verifyPresigned(request, "dev")).isInstanceOf(Verification.Denied.class);
        });
    }

    @Test
    void authorizationShapedGarbageIsDenied() {
        random.forAll(1_000, GarbledRequestsNeverThrowTest::authorizationShaped, authorization -> {
            SignedRequest request = Requests.withHeader(VALID, "Authorization", authorization);

            assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isInstanceOf(Verification.Denied.class);
        });
    }

    @Test
    void corruptedAuthorizationAlwaysAnswers() {
        random.forAll(1_000, GarbledRequestsNeverThrowTest::corrupted, authorization -> {
            SignedRequest request = Requests.withHeader(VALID, "Authorization", authorization);

            assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isNotNull();
        });
    }

    @Test
    void arbitraryPathAndQueryIsDenied() {
        random.forAll(1_000, r -> new PathAndQuery(r.string(255), r.string(255)), target -> {
            SignedRequest request = Requests.withQuery(Requests.withPath(VALID, target.path()), target.query());

            assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isInstanceOf(Verification.Denied.class);
            assertThat(VERIFIER.verifyPresigned(request, "dev")).isInstanceOf(Verification.Denied.class);
        });
    }

    @Test
    void presignedShapedQueryIsDenied() {
        random.forAll(1_000, GarbledRequestsNeverThrowTest::presignedShaped, query -> {
            SignedRequest request = Requests.withQuery(Requests.withoutHeader(VALID, "Authorization"), query);

            assertThat(VERIFIER.verifyPresigned(request, "dev")).isInstanceOf(Verification.Denied.class);
        });
    }

    @Test
    void arbitraryDateAndMethodAlwaysAnswer() {
        random.forAll(500, r -> new DateAndMethod(r.string(255), r.string(255)), input -> {
            SignedRequest request =
                    Requests.withMethod(Requests.withHeader(VALID, "X-Amz-Date", input.date()), input.method());

            assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isNotNull();
        });
    }

    private static String authorizationShaped(RandomInputs random) {
        String pieceChars = "AKID0129/_-.;=, \tabcdefhostx-amz";
        return random.oneOf(ALGORITHMS) + " Credential=" + random.stringOf(pieceChars, 40) + random.oneOf(SEPARATORS)
                + "SignedHeaders=" + random.stringOf(pieceChars, 40) + random.oneOf(SEPARATORS)
                + "Signature=" + random.stringOf(pieceChars, 40);
    }

    private static String corrupted(RandomInputs random) {
        int at = random.intBetween(0, AUTHORIZATION.length() - 1);
        char replacement = (char) random.intBetween(0, Character.MAX_VALUE);
        return AUTHORIZATION.substring(0, at) + replacement + AUTHORIZATION.substring(at + 1);
    }

    private static String presignedShaped(RandomInputs random) {
        List<String> pairs = random.listOf(9, () -> random.oneOf(PRESIGNED_NAMES) + "="
                + random.stringOf("AKID0129%/_-.;=&+ abcdefT Z", 30));
        return String.join("&", pairs);
    }
}
