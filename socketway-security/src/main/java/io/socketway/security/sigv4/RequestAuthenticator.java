package io.socketway.security.sigv4;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the key that signed a request, or throws a {@link DeniedException} saying why none did.
 *
 * <p>The checks run in the order AWS runs them: presence of the parts, date format, clock skew, {@code host} signed,
 * algorithm, credential scope, key id, and last the signature itself. Immutable and thread-safe.
 */
final class RequestAuthenticator {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_EXPIRES = Duration.ofDays(7);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final BitSet PATH_CHARS = new BitSet(128);

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/"
                .chars().forEach(PATH_CHARS::set);
    }

    private final Map<String, AccessKey> keys;
    private final String region;
    private final Clock clock;
    private final Duration maxSkew;
    private final SdkSignatureCalculator sdk = new SdkSignatureCalculator();
    private final CanonicalSignatureCalculator canonical = new CanonicalSignatureCalculator();

    RequestAuthenticator(Map<String, AccessKey> keys, String region, Clock clock, Duration maxSkew) {
        this.keys = keys;
        this.region = region;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /** Authenticates the {@code Authorization} header form; query-string credentials are refused here. */
    AccessKey authenticateHeader(SignedRequest request) {
        List<String> authorization = request.headerValues("Authorization");
        List<Map.Entry<String, String>> query = QueryParameters.parse(request.rawQuery());
        boolean queryAuth = PresignedParameters.present(query);
        if (authorization.isEmpty()) {
            throw Denials.deny(queryAuth ? Denials.QUERY_AUTH_REFUSED : Denials.MISSING_TOKEN);
        }
        if (queryAuth) {
            throw Denials.deny(Denials.TWO_MECHANISMS);
        }
        List<String> dates = request.headerValues("X-Amz-Date");
        AuthorizationHeader header = AuthorizationHeader.parse(
                single(authorization, "Authorization"), !dates.isEmpty() || !request.headerValues("Date").isEmpty());
        if (dates.isEmpty()) {
            throw Denials.deny("X-Amz-Date: (missing) (expected: the signing time in the X-Amz-Date header;"
                    + " the Date header is not supported)");
        }
        String amzDate = single(dates, "X-Amz-Date").strip();
        checkSkew(amzDate, AmzDate.parse(amzDate));
        SigningInput input = input(request, query, header.signedHeaders(),
                header.algorithm(), header.credential(), amzDate, headerSessionToken(request, header.signedHeaders()));
        String signature = requireHex(header.signature());
        String expected = expectedHeaderSignature(input, optionalSingle(request, SdkSignatureCalculator.CONTENT_SHA256));
        return matchOrDeny(input.key(), signature, expected);
    }

    /** Authenticates the query-string form, or the header form when the query carries no SigV4 parameters. */
    AccessKey authenticatePresigned(SignedRequest request) {
        List<Map.Entry<String, String>> query = QueryParameters.parse(request.rawQuery());
        if (!PresignedParameters.present(query)) {
            return authenticateHeader(request);
        }
        if (!request.headerValues("Authorization").isEmpty()) {
            throw Denials.deny(Denials.TWO_MECHANISMS);
        }
        PresignedParameters parameters = PresignedParameters.parse(query);
        Instant signedAt = AmzDate.parse(parameters.date());
        Duration expires = parameters.expires() == null ? null : parseExpires(parameters.expires());
        checkPresignedTime(parameters.date(), signedAt, expires);
        SigningInput input = input(request, parameters.others(), parameters.signedHeaders(), parameters.algorithm(),
                parameters.credential(), parameters.date(), parameters.securityToken());
        String signature = requireHex(parameters.signature());
        String bodyHashed = sdk.querySignature(input, expires, false);
        if (Hashing.constantTimeEquals(bodyHashed, signature)) {
            return input.key();
        }
        return matchOrDeny(input.key(), signature, sdk.querySignature(input, expires, true));
    }

    private SigningInput input(SignedRequest request, List<Map.Entry<String, String>> query, String signedHeaderList,
            String algorithm, String credential, String amzDate, @Nullable String sessionToken) {
        requireValidPath(request.rawPath());
        if (!SdkSignatureCalculator.knownMethod(request.method())) {
            throw Denials.deny(Denials.SIGNATURE_MISMATCH);
        }
        List<String> signedHeaders = SigningInput.parseSignedHeaders(signedHeaderList);
        if (signedHeaders.stream().noneMatch("host"::equalsIgnoreCase)) {
            throw Denials.deny(Denials.HOST_NOT_SIGNED);
        }
        if (!ALGORITHM.equals(algorithm)) {
            throw Denials.unsupportedAlgorithm(algorithm);
        }
        CredentialScope scope = CredentialScope.parse(credential);
        scope.check(region, amzDate);
        AccessKey key = keys.get(scope.accessKeyId());
        if (key == null) {
            throw Denials.deny(Denials.INVALID_KEY);
        }
        return new SigningInput(request.method(), request.rawPath(), query, signedHeaders,
                SigningInput.signedHeaderValues(request, signedHeaders), request.body(), amzDate, scope, key,
                sessionToken);
    }

    /**
     * Refuses a path that is not {@code /} followed by RFC 3986 path characters and {@code %XX} escapes (no client
     * signs such a path, and the canonical URI cannot be built from it), and a path that SigV4 normalisation would
     * change ({@code .} or {@code ..} segments, {@code //}). Clients sign the normalised path, so without the second
     * rule one signature would also cover every spelling that normalises to it, while routing sees the raw one.
     */
    static void requireValidPath(String rawPath) {
        boolean valid = rawPath.startsWith("/");
        for (int i = 0; valid && i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                valid = i + 2 < rawPath.length() && isHex(rawPath.charAt(i + 1)) && isHex(rawPath.charAt(i + 2));
                i += 2;
            } else {
                valid = c < 128 && PATH_CHARS.get(c);
            }
        }
        if (!valid) {
            throw Denials.deny("Path: '" + Denials.echo(rawPath)
                    + "' (expected: '/' followed by RFC 3986 path characters and %XX escapes)");
        }
        if (rawPath.contains("//") || rawPath.contains("/./") || rawPath.contains("/../") || rawPath.endsWith("/.")
                || rawPath.endsWith("/..")) {
            throw Denials.deny("Path: '" + Denials.echo(rawPath)
                    + "' (expected: no empty, '.' or '..' segments, which SigV4 normalisation would remove)");
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private String expectedHeaderSignature(SigningInput input, @Nullable String contentSha256) {
        if (SdkSignatureCalculator.canSignHeaderForm(input, contentSha256)) {
            return sdk.headerSignature(input, contentSha256);
        }
        String bodyHash = Hashing.sha256Hex(input.body());
        if (contentSha256 != null && !contentSha256.equals(bodyHash)
                && !contentSha256.equals(SdkSignatureCalculator.UNSIGNED_PAYLOAD)) {
            throw Denials.deny(Denials.CONTENT_SHA256_MISMATCH);
        }
        return canonical.headerSignature(input, contentSha256 == null ? bodyHash : contentSha256);
    }

    /** Returns the signed session token, or null without one; an unsigned token is refused. */
    private static @Nullable String headerSessionToken(SignedRequest request, String signedHeaderList) {
        String token = optionalSingle(request, PresignedParameters.SECURITY_TOKEN);
        boolean signed = List.of(signedHeaderList.split(";", -1)).contains("x-amz-security-token");
        if (token != null && !signed) {
            throw Denials.deny(Denials.INVALID_KEY);
        }
        return token;
    }

    private void checkSkew(String amzDate, Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(maxSkew))) {
            throw Denials.expired(amzDate, now, maxSkew);
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw Denials.notYetCurrent(amzDate, now, maxSkew);
        }
    }

    /** Without {@code X-Amz-Expires} a presigned URL lives as long as a header signature; with it, that long. */
    private void checkPresignedTime(String amzDate, Instant signedAt, @Nullable Duration expires) {
        if (expires == null) {
            checkSkew(amzDate, signedAt);
            return;
        }
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw Denials.notYetCurrent(amzDate, now, maxSkew);
        }
        if (now.isAfter(signedAt.plus(expires))) {
            throw Denials.deny(Denials.REQUEST_EXPIRED);
        }
    }

    /** Parses {@code X-Amz-Expires} in seconds, refusing it in S3's wording when it is not a number of 1 s to 7 days. */
    static Duration parseExpires(String value) {
        if (!INTEGER.matcher(value).matches()) {
            throw Denials.deny("X-Amz-Expires should be a number");
        }
        long seconds = Long.parseLong(value);
        if (seconds < 0) {
            throw Denials.deny("X-Amz-Expires must be non-negative");
        }
        if (seconds > MAX_EXPIRES.toSeconds()) {
            throw Denials.deny("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (seconds == 0) {
            throw Denials.deny(Denials.REQUEST_EXPIRED);
        }
        return Duration.ofSeconds(seconds);
    }

    private static String requireHex(String signature) {
        if (!Hashing.isHex64(signature)) {
            throw Denials.deny("Signature: '" + Denials.echo(signature)
                    + "' (expected: 64 lower-case hexadecimal digits)");
        }
        return signature;
    }

    private static AccessKey matchOrDeny(AccessKey key, String signature, String expected) {
        if (!Hashing.constantTimeEquals(expected, signature)) {
            throw Denials.deny(Denials.SIGNATURE_MISMATCH);
        }
        return key;
    }

    private static String single(List<String> values, String name) {
        if (values.size() > 1) {
            throw Denials.deny(name + ": given " + values.size() + " times (expected: once)");
        }
        return values.get(0);
    }

    private static @Nullable String optionalSingle(SignedRequest request, String name) {
        List<String> values = request.headerValues(name);
        return values.isEmpty() ? null : single(values, name).strip();
    }
}
