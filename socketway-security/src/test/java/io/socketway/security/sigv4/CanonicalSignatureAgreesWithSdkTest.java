package io.socketway.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    static {
        QuietSdkLogs.apply();
    }

    /** A request the SDK client could send: method, path segments, query, extra headers, body. */
    record Shape(SdkHttpMethod method, List<String> segments, Map<String, String> query,
            Map<String, String> headers, byte[] body) {}

    @Property(tries = 300)
    void handBuiltSignatureEqualsSdkSignature(@ForAll("shapes") Shape shape) {
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
        Verification verification = Fixtures.verifierAt(SIGNED_AT).verifyManagement(request, "dev", request.method());
        if (normalisationChanges(request.rawPath())) {
            assertThat(verification).isInstanceOf(Verification.Denied.class).asString().contains("Path: ");
        } else {
            assertThat(verification).isEqualTo(new Verification.Allowed(Fixtures.KEY));
        }
    }

    private static boolean normalisationChanges(String rawPath) {
        return !rawPath.equals(URI.create("https://h" + rawPath).normalize().getRawPath());
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(12);
        Arbitrary<String> segment = Arbitraries.oneOf(
                text.map(SdkHttpUtils::urlEncode),
                Arbitraries.strings().withChars("abcXYZ019-_.~@=:+!$&'()*,;").ofMaxLength(8),
                Arbitraries.of(".", "..", "", "@connections", "%3D", "%40"));
        Arbitrary<String> headerValue = Arbitraries.strings().withChars("ab Z9\t\n,;=/ ").ofMaxLength(16);
        Arbitrary<String> headerName = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz-").ofMinLength(1)
                .ofMaxLength(10).filter(name -> !name.startsWith("x-amz") && !name.equals("host")
                        && !SdkSignatureCalculator.IGNORED_BY_SDK.contains(name) && !name.equals("content-type"));
        return Builders.withBuilder(() -> new Shape(SdkHttpMethod.GET, List.of(), Map.of(), Map.of(), new byte[0]))
                .use(Arbitraries.of(SdkHttpMethod.GET, SdkHttpMethod.POST, SdkHttpMethod.DELETE, SdkHttpMethod.PUT))
                .in((shape, method) -> new Shape(method, shape.segments(), shape.query(), shape.headers(), shape.body()))
                .use(segment.list().ofMaxSize(5))
                .in((shape, segments) -> new Shape(shape.method(), segments, shape.query(), shape.headers(), shape.body()))
                .use(Arbitraries.maps(text, text).ofMaxSize(4))
                .in((shape, query) -> new Shape(shape.method(), shape.segments(), query, shape.headers(), shape.body()))
                .use(Arbitraries.maps(headerName, headerValue).ofMaxSize(3))
                .in((shape, headers) -> new Shape(shape.method(), shape.segments(), shape.query(), headers, shape.body()))
                .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
                .in((shape, body) -> new Shape(shape.method(), shape.segments(), shape.query(), shape.headers(), body))
                .build();
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
