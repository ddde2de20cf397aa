package io.socketway.security.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.BinaryUtils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Computes a header-form signature from the canonical request, for the requests that the SDK's
 * {@code AwsV4HttpSigner} cannot reproduce.
 *
 * <p>The SDK signer, in header mode, always adds an {@code x-amz-content-sha256} header to what it signs. The AWS CLI
 * (botocore) does not send that header: it signs only {@code host;x-amz-date} and puts the body's SHA-256 in the
 * canonical request. No combination of signer properties yields that canonical request, so this class builds it,
 * reusing the SDK's public helpers for every rule that has one: path normalisation ({@code SdkHttpRequest.getUri()}),
 * double URI encoding ({@code SdkHttpUtils.urlEncodeIgnoreSlashes}), query encoding ({@code SdkHttpUtils.urlEncode},
 * {@code flattenQueryParameters}) and hex ({@code BinaryUtils}). The rules it writes out itself are the header value
 * trimming and the HMAC chain. Tests check that it agrees with the SDK signer on every request both can sign.
 * Stateless and thread-safe.
 */
final class CanonicalSignatureCalculator {

    /** Returns the hex signature of {@code input}, with {@code payloadHash} as the canonical request's last line. */
    String headerSignature(SigningInput input, String payloadHash) {
        String canonicalRequest = canonicalRequest(input, payloadHash);
        String stringToSign = "AWS4-HMAC-SHA256\n" + input.amzDate() + "\n" + input.scope().scope() + "\n"
                + Hashing.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return BinaryUtils.toHex(Hashing.hmacSha256(signingKey(input), stringToSign));
    }

    static String canonicalRequest(SigningInput input, String payloadHash) {
        List<String> names = input.headerValues().keySet().stream().sorted().toList();
        StringBuilder headers = new StringBuilder(256);
        for (String name : names) {
            headers.append(name).append(':');
            appendValues(headers, input.headerValues().get(name));
            headers.append('\n');
        }
        return input.method() + "\n" + canonicalUri(input.rawPath()) + "\n" + canonicalQuery(input.query()) + "\n"
                + headers + "\n" + String.join(";", names) + "\n" + payloadHash;
    }

    /** Normalises the path as the SDK does for non-S3 services, then URI-encodes each segment again. */
    static String canonicalUri(String rawPath) {
        SdkHttpRequest request = SdkHttpRequest.builder().protocol("https").host("localhost")
                .method(SdkHttpMethod.GET).encodedPath(rawPath).build();
        String path = request.getUri().normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        path = SdkHttpUtils.urlEncodeIgnoreSlashes(path);
        boolean addedSlash = path.length() > 1 && path.endsWith("/") && !request.getUri().getPath().endsWith("/");
        return addedSlash ? path.substring(0, path.length() - 1) : path;
    }

    static String canonicalQuery(List<Map.Entry<String, String>> query) {
        SortedMap<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, String> parameter : query) {
            if (!parameter.getKey().isEmpty()) {
                sorted.computeIfAbsent(SdkHttpUtils.urlEncode(parameter.getKey()), name -> new ArrayList<>(1))
                        .add(SdkHttpUtils.urlEncode(parameter.getValue()));
            }
        }
        sorted.values().forEach(values -> values.sort(null));
        StringBuilder result = new StringBuilder(128);
        SdkHttpUtils.flattenQueryParameters(result, sorted);
        return result.toString();
    }

    /** Appends the values joined by commas, each trimmed and with inner runs of white space collapsed to one space. */
    private static void appendValues(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            boolean pendingSpace = false;
            boolean started = false;
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f') {
                    pendingSpace = started;
                } else {
                    if (pendingSpace) {
                        out.append(' ');
                        pendingSpace = false;
                    }
                    out.append(c);
                    started = true;
                }
            }
        }
    }

    private static byte[] signingKey(SigningInput input) {
        CredentialScope scope = input.scope();
        byte[] secret = ("AWS4" + input.key().secretAccessKey()).getBytes(StandardCharsets.UTF_8);
        byte[] dateKey = Hashing.hmacSha256(secret, scope.date());
        byte[] regionKey = Hashing.hmacSha256(dateKey, scope.region());
        byte[] serviceKey = Hashing.hmacSha256(regionKey, scope.service());
        return Hashing.hmacSha256(serviceKey, scope.terminator());
    }
}
