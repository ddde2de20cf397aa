package io.socketway.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Whatever arrives in the Authorization header, the path, the query or the date, the verifier answers and never throws. */
class GarbledRequestsNeverThrowTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-02-03T04:05:06Z");
    private static final SignedRequest VALID = SdkSigning.headerSigned(SdkHttpMethod.POST,
            "/dev/@connections/abc%3D", "hello", SIGNED_AT, "execute-api", Fixtures.REGION, Fixtures.SECRET);
    private static final String AUTHORIZATION = Requests.header(VALID, "Authorization");
    private static final SigV4Verifier VERIFIER = Fixtures.verifierAt(SIGNED_AT);

    @Property(tries = 1_000)
    void arbitraryAuthorizationIsDenied(@ForAll String authorization) {
        SignedRequest request = Requests.withHeader(VALID, "Authorization", authorization);

        assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isInstanceOf(Verification.Denied.class);
        assertThat(VERIFIER.verifyPresigned(request, "dev")).isInstanceOf(Verification.Denied.class);
    }

    @Property(tries = 1_000)
    void authorizationShapedGarbageIsDenied(@ForAll("authorizationShaped") String authorization) {
        SignedRequest request = Requests.withHeader(VALID, "Authorization", authorization);

        assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isInstanceOf(Verification.Denied.class);
    }

    @Property(tries = 1_000)
    void corruptedAuthorizationAlwaysAnswers(@ForAll("corrupted") String authorization) {
        SignedRequest request = Requests.withHeader(VALID, "Authorization", authorization);

        assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isNotNull();
    }

    @Property(tries = 1_000)
    void arbitraryPathAndQueryIsDenied(@ForAll String path, @ForAll String query) {
        SignedRequest request = Requests.withQuery(Requests.withPath(VALID, path), query);

        assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isInstanceOf(Verification.Denied.class);
        assertThat(VERIFIER.verifyPresigned(request, "dev")).isInstanceOf(Verification.Denied.class);
    }

    @Property(tries = 1_000)
    void presignedShapedQueryIsDenied(@ForAll("presignedShaped") String query) {
        SignedRequest request = Requests.withQuery(Requests.withoutHeader(VALID, "Authorization"), query);

        assertThat(VERIFIER.verifyPresigned(request, "dev")).isInstanceOf(Verification.Denied.class);
    }

    @Property(tries = 500)
    void arbitraryDateAndMethodAlwaysAnswer(@ForAll String date, @ForAll String method) {
        SignedRequest request = Requests.withMethod(Requests.withHeader(VALID, "X-Amz-Date", date), method);

        assertThat(VERIFIER.verifyManagement(request, "dev", "POST")).isNotNull();
    }

    @Provide
    Arbitrary<String> authorizationShaped() {
        Arbitrary<String> piece = Arbitraries.strings().withChars("AKID0129/_-.;=, \tabcdefhostx-amz").ofMaxLength(40);
        Arbitrary<String> algorithm = Arbitraries.of("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "aws4-hmac-sha256", "");
        Arbitrary<String> separator = Arbitraries.of(", ", ",", " ", ",,", "");
        return Combinators.combine(algorithm, piece, separator, piece, separator, piece).as(
                (a, credential, s1, signed, s2, signature) -> a + " Credential=" + credential + s1
                        + "SignedHeaders=" + signed + s2 + "Signature=" + signature);
    }

    @Provide
    Arbitrary<String> corrupted() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, AUTHORIZATION.length() - 1);
        Arbitrary<Character> replacement = Arbitraries.chars().all();
        return Combinators.combine(position, replacement)
                .as((at, c) -> AUTHORIZATION.substring(0, at) + c + AUTHORIZATION.substring(at + 1));
    }

    @Provide
    Arbitrary<String> presignedShaped() {
        Arbitrary<String> value = Arbitraries.strings().withChars("AKID0129%/_-.;=&+ abcdefT Z").ofMaxLength(30);
        Arbitrary<String> name = Arbitraries.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "x");
        return Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMaxSize(9)
                .map(pairs -> String.join("&", pairs));
    }
}
