package io.socketway.security.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.SignerConstant;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Computes the signature a client should have sent by signing the same request again with the SDK's
 * {@link AwsV4HttpSigner}.
 *
 * <p>These properties reproduce the signatures of SDK v2 clients and of query-string presigners:
 * {@code SERVICE_SIGNING_NAME=execute-api}, {@code REGION_NAME}, {@code DOUBLE_URL_ENCODE=true},
 * {@code NORMALIZE_PATH=true} (the SDK's default for every service but S3: the management client sends
 * {@code /dev/@connections/..} for id {@code ..} but signs {@code /dev/}; paths that normalisation would change are
 * refused before signing, so the setting only decides that case), and
 * {@code SIGNING_CLOCK} fixed at {@code X-Amz-Date}. The payload hash is chosen with the protocol and
 * {@code PAYLOAD_SIGNING_ENABLED}: over {@code https} with signing enabled the signer hashes the body; with it
 * disabled it writes {@code UNSIGNED-PAYLOAD}. The request given to the signer carries exactly the client's signed
 * headers, minus the three the signer writes itself ({@code x-amz-date}, {@code x-amz-content-sha256},
 * {@code x-amz-security-token}). Stateless and thread-safe: the signer keeps no state between calls.
 */
final class SdkSignatureCalculator {

    static final String UNSIGNED_PAYLOAD = SignerConstant.UNSIGNED_PAYLOAD;
    static final String CONTENT_SHA256 = SignerConstant.X_AMZ_CONTENT_SHA256;

    /** Headers the SDK signer never signs; a request that signed one of them needs the canonical calculator. */
    static final Set<String> IGNORED_BY_SDK = Set.of("connection", "x-amzn-trace-id", "user-agent", "expect");

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final Set<String> WRITTEN_BY_SIGNER = Set.of("x-amz-date", CONTENT_SHA256, "x-amz-security-token");
    private static final String SIGNATURE_PREFIX = "Signature=";

    /**
     * Tells whether the header form of {@code input} can be reproduced by the signer: it must have signed
     * {@code x-amz-date} and {@code x-amz-content-sha256} (whose value is a SHA-256 or {@code UNSIGNED-PAYLOAD}), no
     * header the signer ignores, and no event-stream content type.
     */
    static boolean canSignHeaderForm(SigningInput input, @Nullable String contentSha256) {
        Map<String, List<String>> headers = input.headerValues();
        return contentSha256 != null
                && (contentSha256.equals(UNSIGNED_PAYLOAD) || Hashing.isHex64(contentSha256))
                && headers.containsKey(CONTENT_SHA256)
                && headers.containsKey("x-amz-date")
                && IGNORED_BY_SDK.stream().noneMatch(headers::containsKey)
                && !headers.getOrDefault("content-type", List.of()).contains("application/vnd.amazon.eventstream");
    }

    /**
     * Returns the signature for the header form, or throws a denial when the body does not hash to the
     * {@code x-amz-content-sha256} the client sent.
     */
    String headerSignature(SigningInput input, String contentSha256) {
        boolean unsigned = contentSha256.equals(UNSIGNED_PAYLOAD);
        SdkHttpRequest signed = SIGNER.sign(request -> common(request, input)
                        .request(sdkRequest(input).build())
                        .payload(unsigned ? null : ContentStreamProvider.fromByteArrayUnsafe(input.body()))
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsigned))
                .request();
        if (!contentSha256.equals(signed.firstMatchingHeader(CONTENT_SHA256).orElse(""))) {
            throw Denials.deny(Denials.CONTENT_SHA256_MISMATCH);
        }
        String authorization = signed.firstMatchingHeader(SignerConstant.AUTHORIZATION).orElse("");
        return authorization.substring(authorization.lastIndexOf(SIGNATURE_PREFIX) + SIGNATURE_PREFIX.length());
    }

    /**
     * Returns the signature for the query-string form; {@code unsignedPayload} picks {@code UNSIGNED-PAYLOAD} over the
     * body's hash, and {@code expires} (null when the URL had no {@code X-Amz-Expires}) adds that parameter.
     */
    String querySignature(SigningInput input, @Nullable Duration expires, boolean unsignedPayload) {
        SdkHttpRequest.Builder request = sdkRequest(input);
        return SIGNER.sign(builder -> {
                    common(builder, input)
                            .request(request.build())
                            .payload(unsignedPayload ? null : ContentStreamProvider.fromByteArrayUnsafe(input.body()))
                            .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedPayload)
                            .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING);
                    if (expires != null) {
                        builder.putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires);
                    }
                })
                .request()
                .firstMatchingRawQueryParameter(SignerConstant.X_AMZ_SIGNATURE)
                .orElse("");
    }

    private static SignRequest.Builder<AwsCredentialsIdentity> common(
            SignRequest.Builder<AwsCredentialsIdentity> builder, SigningInput input) {
        return builder.identity(identity(input))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, input.scope().service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, input.scope().region())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, true)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK,
                        Clock.fixed(AmzDate.parse(input.amzDate()), ZoneOffset.UTC));
    }

    private static AwsCredentialsIdentity identity(SigningInput input) {
        AccessKey key = input.key();
        String token = input.sessionToken();
        return token == null
                ? AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey(), token);
    }

    /**
     * Builds the request with the client's path, query and signed headers; HTTPS so that payload signing is explicit.
     */
    private static SdkHttpRequest.Builder sdkRequest(SigningInput input) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().protocol("https").host("localhost")
                .method(SdkHttpMethod.fromValue(input.method())).encodedPath(input.rawPath());
        input.query().forEach(parameter -> request.appendRawQueryParameter(parameter.getKey(), parameter.getValue()));
        input.headerValues().forEach((name, values) -> {
            if (!WRITTEN_BY_SIGNER.contains(name)) {
                values.forEach(value -> request.appendHeader(name, value));
            }
        });
        return request;
    }

    /** Tells whether {@code method} is one of the SDK's {@code SdkHttpMethod} names, exactly. */
    static boolean knownMethod(String method) {
        for (SdkHttpMethod known : SdkHttpMethod.values()) {
            if (known.name().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
