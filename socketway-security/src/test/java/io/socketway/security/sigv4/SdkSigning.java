package io.socketway.security.sigv4;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/** Signs requests directly with the SDK's signers, for the shapes the management client never sends. */
final class SdkSigning {

    static final String HOST = "gateway.example.com";

    static {
        QuietSdkLogs.apply();
    }

    private SdkSigning() {}

    /** Presigns {@code GET path?query} as a browser's connect URL would be, with {@code AUTH_LOCATION=QUERY_STRING}. */
    static SignedRequest presign(String protocol, String path, Map<String, String> query, Instant at,
            @Nullable Duration expires, @Nullable String sessionToken) {
        return presign(protocol, path, query, at, expires, sessionToken, null);
    }

    /** Presigns as above; {@code signPayload} sets {@code PAYLOAD_SIGNING_ENABLED} (null leaves the SDK's default). */
    static SignedRequest presign(String protocol, String path, Map<String, String> query, Instant at,
            @Nullable Duration expires, @Nullable String sessionToken, @Nullable Boolean signPayload) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().protocol(protocol).host(HOST)
                .method(SdkHttpMethod.GET).encodedPath(path);
        query.forEach(request::putRawQueryParameter);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(builder -> {
            builder.identity(identity(Fixtures.SECRET, sessionToken))
                    .request(request.build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, Fixtures.REGION)
                    .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC));
            if (expires != null) {
                builder.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
            }
            if (signPayload != null) {
                builder.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                        .payload(signPayload ? ContentStreamProvider.fromByteArray(new byte[0]) : null);
            }
        }).request();
        return SdkClients.toSignedRequest(signed, new byte[0]);
    }

    /**
     * Signs in the header form with {@link AwsV4HttpSigner} and the body hashed, for a service, region and secret of
     * the caller's choice.
     */
    static SignedRequest headerSigned(SdkHttpMethod method, String path, String body, Instant at, String service,
            String region, String secret) {
        return headerSigned(method, path, body, at, service, region, secret, true);
    }

    /** Signs as above; with {@code signPayload} false over HTTPS the SDK sends {@code UNSIGNED-PAYLOAD}. */
    static SignedRequest headerSigned(SdkHttpMethod method, String path, String body, Instant at, String service,
            String region, String secret, boolean signPayload) {
        SdkHttpRequest request = SdkHttpRequest.builder().protocol("https").host(HOST).method(method)
                .encodedPath(path).build();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(builder -> builder
                .identity(identity(secret, null))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC))).request();
        return SdkClients.toSignedRequest(signed, bytes);
    }

    /**
     * Signs as the AWS CLI does: only {@code host;x-amz-date}, no {@code Content-Type}, the body's SHA-256 in the
     * canonical request but no {@code x-amz-content-sha256} header. {@link AwsV4HttpSigner} cannot produce this shape
     * (it always signs {@code x-amz-content-sha256}), so this uses the SDK's older {@code Aws4Signer}.
     */
    @SuppressWarnings("deprecation")
    static SignedRequest cliStyle(SdkHttpMethod method, String path, String body, Instant at) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().protocol("https").host(HOST).method(method)
                .encodedPath(path).contentStreamProvider(() -> new ByteArrayInputStream(bytes)).build();
        SdkHttpFullRequest signed = Aws4Signer.create().sign(request, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(Fixtures.KEY_ID, Fixtures.SECRET))
                .signingName("execute-api")
                .signingRegion(Region.of(Fixtures.REGION))
                .signingClockOverride(Clock.fixed(at, ZoneOffset.UTC))
                .build());
        return SdkClients.toSignedRequest(signed, bytes);
    }

    private static AwsCredentialsIdentity identity(String secret, @Nullable String sessionToken) {
        return sessionToken == null
                ? AwsCredentialsIdentity.create(Fixtures.KEY_ID, secret)
                : AwsSessionCredentialsIdentity.create(Fixtures.KEY_ID, secret, sessionToken);
    }
}
