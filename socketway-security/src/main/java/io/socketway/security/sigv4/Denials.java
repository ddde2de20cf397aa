package io.socketway.security.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Builds every denial the verifier gives, as HTTP 403 {@code ForbiddenException}.
 *
 * <p>Where AWS has a wording for the failure, the message is AWS's, character for character: API Gateway and the other
 * services that share its signature checks answer with these strings (seen in public reports of real responses and in
 * AWS's "Troubleshoot signed requests" page). Messages marked "ours" have no AWS counterpart that we could confirm.
 * The error type is always {@code ForbiddenException}, the only 403 shape in the {@code @connections} service model, so
 * that SDK clients raise the typed exception. Values taken from the request are cut to {@value #MAX_ECHO} characters.
 */
final class Denials {

    static final int STATUS = 403;
    static final String ERROR_TYPE = "ForbiddenException";
    static final int MAX_ECHO = 128;

    static final String MISSING_TOKEN = "Missing Authentication Token";
    static final String SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for"
            + " details.";
    static final String INVALID_KEY = "The security token included in the request is invalid.";
    static final String HOST_NOT_SIGNED = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
    /** S3's wording for a presigned URL past {@code X-Amz-Expires}; API Gateway's own is undocumented. */
    static final String REQUEST_EXPIRED = "Request has expired";
    /** S3's wording ({@code XAmzContentSHA256Mismatch}). */
    static final String CONTENT_SHA256_MISMATCH =
            "The provided 'x-amz-content-sha256' header does not match what was computed.";
    /** S3's wording when a request carries both an Authorization header and query-string authentication. */
    static final String TWO_MECHANISMS = "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter,"
            + " Signature query string parameter or the Authorization header should be specified";

    /** Ours: presigned URLs are for {@code $connect}; {@code @connections} callers can always set headers. */
    static final String QUERY_AUTH_REFUSED = "Query-string authentication is not accepted for @connections calls"
            + " (expected: an Authorization header)";

    private Denials() {}

    static DeniedException deny(String message) {
        return new DeniedException(new Verification.Denied(STATUS, ERROR_TYPE, message));
    }

    static DeniedException missingEqualSign(String authorization) {
        return deny("Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and"
                + " encoded with Base64): '" + hashed(authorization) + "'.");
    }

    static DeniedException missingHeaderParts(List<String> missing, boolean missingDate) {
        StringBuilder message = new StringBuilder();
        missing.forEach(part -> message.append("Authorization header requires '").append(part).append("' parameter. "));
        if (missingDate) {
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        return deny(message.toString().stripTrailing());
    }

    static DeniedException missingQueryParts(List<String> missing) {
        StringBuilder message = new StringBuilder();
        missing.forEach(part -> message.append("AWS query-string parameters must include '").append(part).append("'. "));
        return deny(message.append("Re-examine the query-string parameters.").toString());
    }

    static DeniedException badDate(String value) {
        return deny("Date must be in ISO-8601 'basic format'. Got '" + echo(value)
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static DeniedException unsupportedAlgorithm(String algorithm) {
        return deny("Unsupported AWS 'algorithm': '" + echo(algorithm) + "' (only AWS4-HMAC-SHA256 for now). ");
    }

    static DeniedException badCredential(String credential) {
        return deny("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                + " got '" + echo(credential) + "'");
    }

    static String wrongRegion(String region) {
        return "Credential should be scoped to a valid region, not '" + echo(region) + "'. ";
    }

    static String wrongService(String expected) {
        return "Credential should be scoped to correct service: '" + expected + "'. ";
    }

    static String wrongTerminator(String terminator) {
        return "Credential should be scoped with a valid terminator: 'aws4_request', not '" + echo(terminator) + "'. ";
    }

    static String wrongScopeDate(String scopeDate, String amzDate) {
        return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + echo(scopeDate) + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'. ";
    }

    static DeniedException expired(String amzDate, Instant now, Duration maxSkew) {
        return deny("Signature expired: " + amzDate + " is now earlier than " + AmzDate.format(now.minus(maxSkew))
                + " (" + AmzDate.format(now) + " - " + span(maxSkew) + ".)");
    }

    static DeniedException notYetCurrent(String amzDate, Instant now, Duration maxSkew) {
        return deny("Signature not yet current: " + amzDate + " is still later than "
                + AmzDate.format(now.plus(maxSkew)) + " (" + AmzDate.format(now) + " + " + span(maxSkew) + ".)");
    }

    /** Ours: shaped like an IAM denial, since we have no IAM policies to evaluate. */
    static Verification.Denied notAuthorized(String accessKeyId, String action, String resource) {
        return new Verification.Denied(STATUS, ERROR_TYPE,
                "User: " + accessKeyId + " is not authorized to perform: " + action + " on resource: " + resource);
    }

    static String echo(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    }

    private static String span(Duration skew) {
        return skew.toSecondsPart() == 0 ? skew.toMinutes() + " min" : skew.toSeconds() + " sec";
    }

    private static String hashed(String value) {
        return Base64.getEncoder().encodeToString(Hashing.sha256(value.getBytes(StandardCharsets.UTF_8)));
    }
}
