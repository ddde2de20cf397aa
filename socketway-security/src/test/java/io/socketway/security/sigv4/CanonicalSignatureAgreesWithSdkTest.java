package io.socketway.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.testing.RandomInputs;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The hand-built canonical request (used for CLI-style signatures) gives the same signature as the SDK's
 * {@code AwsV4HttpSigner} for any path, query, header values and body; the verifier accepts the SDK's result unless
 * path normalisation would change the path.
 */
class CanonicalSignatureAgreesWithSdkTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-07-08T09:10:11Z");
    private static final List<SdkHttpMethod> METHODS =
            List.of(SdkHttpMethod.GET, SdkHttpMethod.POST, SdkHttpMethod.DELETE, SdkHttpMethod.PUT);
    private static final List<String> SPECIAL_SEGMENTS = List.of(".", "..", "", "@connections", "%3D", "%40");

    static {
        QuietSdkLogs.apply();
    }

    private final RandomInputs random = RandomInputs.forTests();

    /** A request the SDK client could send: method, path segments, query, extra headers, body. */
    record Shape(SdkHttpMethod method, List<String> segments, Map<String, String> query,
            Map<String, String> headers, byte[] body) {

        @Override
        public String toString() {
            return "Shape[" + method + " " + segments + " query=" + query + " headers=" + headers + " body="
                    + Arrays.toString(body) + "]";
        }
    }

    @Test
    void handBuiltSignatureEqualsSdkSignature() {
        random.forAll(300, CanonicalSignatureAgreesWithSdkTest::shape, CanonicalSignatureAgreesWithSdkTest::checkAgreement);
    }

    private static void checkAgreement(Shape shape) {
        SignedRequest request = sign(shape);
        String authorization = Requests.header(request, "Authorization");
        AuthorizationHeader header = AuthorizationHeader.parse(authorization, true);
        List<String> signedHeaders = SigningInput.parseSignedHeaders(header.signedHeaders());
        SigningInput input = new SigningInput(request.method(), request.rawPath(),
                QueryParameters.parse(request.rawQuery()), signedHeaders,
                SigningInput.signedHeaderValues(request, signedHeaders), request.body(), AmzDate.format(SIGNED_AT),
                CredentialScope.parse(header.credential()), Fixtures.KEY, null);
        String contentSha256 = Requests.header(request, "x-amz-content-sha256");

        assertThat(new CanonicalSignatureCalculator().headerSignature(input, contentSha256))
                .isEqualTo(header.signature())
                .isEqualTo(new SdkSignatureCalculator().headerSignature(input, contentSha256));
        Verification verification =
                Fixtures.verifierAt(SIGNED_AT).verifyManagement(request, "dev", request.method());
        if (normalisationChanges(request.rawPath())) {
            assertThat(verification).isInstanceOf(Verification.Denied.class).asString().contains("Path: ");
        } else {
            assertThat(verification).isEqualTo(new Verification.Allowed(Fixtures.KEY));
        }
    }

    private static boolean normalisationChanges(String rawPath) {
        return !rawPath.equals(URI.create("https://h" + rawPath).normalize().getRawPath());
    }

    private static Shape shape(RandomInputs random) {
        return new Shape(random.oneOf(METHODS), random.listOf(5, () -> segment(random)),
                mapOf(random, 4, () -> random.string(12), () -> random.string(12)),
                mapOf(random, 3, () -> headerName(random), () -> random.stringOf("ab Z9\t\n,;=/ ", 16)),
                random.bytes(64));
    }

    private static String segment(RandomInputs random) {
        return switch (random.intBetween(0, 2)) {
            case 0 -> SdkHttpUtils.urlEncode(random.string(12));
            case 1 -> random.stringOf("abcXYZ019-_.~@=:+!$&'()*,;", 8);
            default -> random.oneOf(SPECIAL_SEGMENTS);
        };
    }

    private static String headerName(RandomInputs random) {
        String name = random.stringOf("abcdefghijklmnopqrstuvwxyz-", 10);
        return name.isEmpty() || name.startsWith("x-amz") || name.equals("host") || name.equals("content-type")
                        || SdkSignatureCalculator.IGNORED_BY_SDK.contains(name)
                ? headerName(random)
                : name;
    }

    /**
     * Returns up to {@code maxSize} entries whose names stay distinct once URL-encoded: the SDK encodes a lone
     * surrogate as {@code ?}, so two such names would be sent as one repeated name that it signed as two.
     */
    private static Map<String, String> mapOf(
            RandomInputs random, int maxSize, Supplier<String> key, Supplier<String> value) {
        Map<String, String> map = new LinkedHashMap<>();
        Set<String> encodedKeys = new HashSet<>();
        for (int size = random.intBetween(0, maxSize); map.size() < size; ) {
            String name = key.get();
            if (encodedKeys.add(SdkHttpUtils.urlEncode(name))) {
                map.put(name, value.get());
            }
        }
        return map;
    }

    private static SignedRequest sign(Shape shape) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().protocol("https").host(SdkSigning.HOST)
                .method(shape.method()).encodedPath("/dev/" + String.join("/", shape.segments()));
        shape.query().forEach(request::putRawQueryParameter);
        shape.headers().forEach(request::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(builder -> builder
                .identity(AwsCredentialsIdentity.create(Fixtures.KEY_ID, Fixtures.SECRET))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(shape.body()))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, Fixtures.REGION)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))).request();
        return SdkClients.toSignedRequest(signed, shape.body());
    }
}
