package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.SECRET;
import static io.socketway.security.sigv4.Fixtures.denied;
import static io.socketway.security.sigv4.Fixtures.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Malformed credentials are refused with a clear message, AWS's where AWS has one, and never throw. */
class MalformedAuthorizationTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-02-03T04:05:06Z");
    private static final SignedRequest VALID = SdkSigning.headerSigned(SdkHttpMethod.POST,
            "/dev/@connections/abc%3D", "hello", SIGNED_AT, "execute-api", Fixtures.REGION, SECRET);
    private static final String AUTHORIZATION = Requests.header(VALID, "Authorization");
    private static final String SIGNATURE = AUTHORIZATION.substring(AUTHORIZATION.indexOf("Signature=") + 10);
    private static final String REQUIRES_ALL = "Authorization header requires 'Credential' parameter. Authorization"
            + " header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.";

    static Stream<Arguments> malformed() {
        return Stream.of(
                authorization("Bearer token", "Invalid key=value pair (missing equal-sign) in Authorization header"
                        + " (hashed with SHA-256 and encoded with Base64): '" + hashed("Bearer token") + "'."),
                authorization("Basic Og==", REQUIRES_ALL),
                authorization("", REQUIRES_ALL),
                authorization("AWS4-HMAC-SHA256", REQUIRES_ALL),
                authorization("AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=" + SIGNATURE,
                        "Authorization header requires 'Credential' parameter."),
                replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA512 ",
                        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). "),
                replace("/aws4_request", "", "Credential must have exactly 5 slash-delimited elements, e.g."
                        + " keyid/date/region/service/term, got 'AKIDEXAMPLE/20260203/us-east-1/execute-api'"),
                replace("aws4_request", "aws5_request",
                        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "),
                replace("/20260203/", "/20260202/", "Date in Credential scope does not match YYYYMMDD from ISO-8601"
                        + " version of date from HTTP: '20260202' != '20260203', from '20260203T040506Z'. "),
                replace("us-east-1/execute-api", "eu-west-1/lambda", "Credential should be scoped to a valid region,"
                        + " not 'eu-west-1'. Credential should be scoped to correct service: 'execute-api'. "),
                replace("Signature=" + SIGNATURE, "Signature=xyz",
                        "Signature: 'xyz' (expected: 64 lower-case hexadecimal digits)"),
                replace("Signature=" + SIGNATURE, "Signature=" + SIGNATURE.toUpperCase(),
                        "Signature: '" + SIGNATURE.toUpperCase() + "' (expected: 64 lower-case hexadecimal digits)"),
                replace(", Signature=", ", Credential=AKIDEXAMPLE/20260203/us-east-1/execute-api/aws4_request,"
                        + " Signature=", "Authorization header: 'Credential' given twice (expected: once)"),
                replace("SignedHeaders=host;", "SignedHeaders=",
                        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
                replace("SignedHeaders=host;", "SignedHeaders=host;;",
                        "SignedHeaders: 'host;;x-amz-content-sha256;x-amz-date' (expected: distinct header names"
                                + " separated by ';')"),
                Arguments.of("two Authorization headers",
                        (UnaryOperator<SignedRequest>) r -> Requests.addHeader(r, "authorization", AUTHORIZATION),
                        "Authorization: given 2 times (expected: once)"),
                header("X-Amz-Date", "2026-02-03T04:05:06Z", "Date must be in ISO-8601 'basic format'. Got"
                        + " '2026-02-03T04:05:06Z'. See http://en.wikipedia.org/wiki/ISO_8601"),
                header("X-Amz-Date", "20261340T040506Z", "Date must be in ISO-8601 'basic format'. Got"
                        + " '20261340T040506Z'. See http://en.wikipedia.org/wiki/ISO_8601"),
                Arguments.of("no date header",
                        (UnaryOperator<SignedRequest>) r -> Requests.withoutHeader(r, "X-Amz-Date"),
                        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."),
                Arguments.of("Date header instead of X-Amz-Date",
                        (UnaryOperator<SignedRequest>) r -> Requests.addHeader(
                                Requests.withoutHeader(r, "X-Amz-Date"), "Date", "Tue, 03 Feb 2026 04:05:06 GMT"),
                        "X-Amz-Date: (missing) (expected: the signing time in the X-Amz-Date header; the Date header"
                                + " is not supported)"),
                Arguments.of("space in the path",
                        (UnaryOperator<SignedRequest>) r -> Requests.withPath(r, "/dev/@connections/a b"),
                        "Path: '/dev/@connections/a b' (expected: '/' followed by RFC 3986 path characters and %XX"
                                + " escapes)"),
                Arguments.of("broken percent escape in the path",
                        (UnaryOperator<SignedRequest>) r -> Requests.withPath(r, "/dev/@connections/abc%3"),
                        "Path: '/dev/@connections/abc%3' (expected: '/' followed by RFC 3986 path characters and %XX"
                                + " escapes)"),
                Arguments.of("dot segment in the path",
                        (UnaryOperator<SignedRequest>) r -> Requests.withPath(r, "/dev/@connections/x/../abc%3D"),
                        "Path: '/dev/@connections/x/../abc%3D' (expected: no empty, '.' or '..' segments, which SigV4"
                                + " normalisation would remove)"),
                Arguments.of("broken percent escape in the query",
                        (UnaryOperator<SignedRequest>) r -> Requests.withQuery(r, "a=%zz"),
                        "Query string: '%zz' (expected: every '%' followed by two hexadecimal digits)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithMessage(String name, UnaryOperator<SignedRequest> breakIt, String message) {
        SignedRequest request = breakIt.apply(VALID);

        assertThatCode(() -> verifierAt(SIGNED_AT).verifyManagement(request, "dev", "POST")).doesNotThrowAnyException();
        assertThat(verifierAt(SIGNED_AT).verifyManagement(request, "dev", "POST")).isEqualTo(denied(message));
    }

    private static Arguments authorization(String value, String message) {
        return header("Authorization", value, message);
    }

    private static Arguments header(String name, String value, String message) {
        return Arguments.of(name + ": " + value,
                (UnaryOperator<SignedRequest>) r -> Requests.withHeader(r, name, value), message);
    }

    private static Arguments replace(String from, String to, String message) {
        return Arguments.of("Authorization with '" + from + "' -> '" + to + "'",
                (UnaryOperator<SignedRequest>) r -> Requests.withHeader(r, "Authorization",
                        AUTHORIZATION.replace(from, to)), message);
    }

    private static String hashed(String value) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
