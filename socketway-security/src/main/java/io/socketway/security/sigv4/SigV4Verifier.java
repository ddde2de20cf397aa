package io.socketway.security.sigv4;

import static io.socketway.api.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import io.socketway.api.Partitions;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies AWS Signature Version 4 on {@code @connections} management calls and on {@code $connect} requests of routes
 * with {@code AWS_IAM} authorization, and checks that the signing key may perform the call.
 *
 * <p>Signatures are accepted in the forms the AWS clients produce for service {@code execute-api}: the
 * {@code Authorization} header of SDK v2 (which signs {@code x-amz-content-sha256}) and of the AWS CLI (which signs
 * only {@code host;x-amz-date}), and the presigned query string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}). The expected
 * signature is computed by signing the request again with the SDK's {@code AwsV4HttpSigner}; only for header-form
 * requests that did not sign {@code x-amz-content-sha256} (the CLI's) is the canonical request built here, because the
 * SDK signer always signs that header. Signatures are compared in constant time.
 *
 * <p>Rules worth knowing:
 * <ul>
 *   <li>The credential scope must name the configured region, service {@code execute-api}, {@code aws4_request} and the
 *       day of {@code X-Amz-Date}; {@code host} must be signed.
 *   <li>A header signature is valid from {@code maxSkew} before to {@code maxSkew} after {@code X-Amz-Date}. A presigned
 *       URL is valid from {@code maxSkew} before {@code X-Amz-Date} until {@code X-Amz-Expires} seconds after it (at
 *       most 7 days), or like a header signature when it has no {@code X-Amz-Expires}.
 *   <li>A request replayed within that window verifies again: like AWS, the verifier keeps no record of signatures it
 *       has seen. Use TLS so that signed requests cannot be captured.
 *   <li>The body is covered when the client hashed it (always over plain HTTP; the CLI always). SDK v2 over HTTPS
 *       sends {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}, which is accepted as AWS accepts it: TLS protects the body.
 *   <li>An {@code X-Amz-Security-Token} is accepted when the signature covers it. There is no STS here, so the token
 *       itself is not checked; the secret of the named access key is what authenticates. An unsigned token is refused.
 *   <li>The path must be passed exactly as received. It may not contain {@code .}, {@code ..} or empty segments:
 *       clients sign the normalised path, so such a spelling would let one signature cover several raw paths.
 *   <li>Presigned URLs are accepted for {@code $connect} only; {@code @connections} calls must use the header.
 *   <li>The {@code Date} header is not supported in place of {@code X-Amz-Date}.
 * </ul>
 *
 * <p>Every outcome is a {@link Verification}; no request content makes these methods throw. Denials are HTTP 403
 * {@code ForbiddenException} with AWS's message where AWS has one. Instances are immutable and thread-safe, do no I/O
 * and may be shared by all threads, including event loops.
 */
public final class SigV4Verifier {

    /** The clock skew AWS allows, and the default here: 5 minutes. */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(SigV4Verifier.class);

    private final String region;
    private final RequestAuthenticator authenticator;

    /** Creates a verifier on the system UTC clock that allows {@link #DEFAULT_MAX_SKEW}. */
    public SigV4Verifier(List<AccessKey> keys, String region) {
        this(keys, region, Clock.systemUTC(), DEFAULT_MAX_SKEW);
    }

    /**
     * Creates a verifier.
     *
     * @param keys the accepted keys; ids must be distinct
     * @param region the region clients must sign for, for example {@code us-east-1}
     * @param clock the clock that signing times are compared with
     * @param maxSkew how far {@code X-Amz-Date} may be from the clock, positive
     */
    public SigV4Verifier(List<AccessKey> keys, String region, Clock clock, Duration maxSkew) {
        requireNonNull(keys, "keys");
        requireNonNull(region, "region");
        requireNonNull(clock, "clock");
        requireNonNull(maxSkew, "maxSkew");
        checkArgument(region.matches("[a-z0-9-]{1,64}"), "region: %s (expected: [a-z0-9-]{1,64})", region);
        checkArgument(maxSkew.isPositive(), "maxSkew: %s (expected: > 0)", maxSkew);
        this.region = region;
        this.authenticator = new RequestAuthenticator(index(keys), region, clock, maxSkew);
    }

    /**
     * Verifies a {@code @connections} call signed in the {@code Authorization} header, and that the key may perform
     * {@code operation} on {@code stage}. Presigned (query-string) credentials are refused here: every
     * {@code @connections} client can set headers, and a presigned POST would not cover its body.
     *
     * @param request the request as received
     * @param stage the stage the path names
     * @param operation the HTTP method the call maps to: {@code POST}, {@code GET} or {@code DELETE}
     */
    public Verification verifyManagement(SignedRequest request, String stage, String operation) {
        requireNonNull(request, "request");
        requireNonNull(stage, "stage");
        requireNonNull(operation, "operation");
        return guarded(() -> {
            AccessKey key = authenticator.authenticateHeader(request);
            if (!key.allowsStage(stage) || !key.allowsOperation(operation)) {
                return Denials.notAuthorized(key.accessKeyId(), "execute-api:ManageConnections",
                        Partitions.arnPrefix("execute-api", region) + "*:*/" + stage + "/" + operation
                                + "/@connections/*");
            }
            return new Verification.Allowed(key);
        });
    }

    /**
     * Verifies a {@code $connect} request signed in the query string (a presigned URL, as browsers must use), or in
     * the {@code Authorization} header when the query carries no SigV4 parameters, and that the key may use
     * {@code stage}.
     *
     * @param request the upgrade request as received
     * @param stage the stage the path names
     */
    public Verification verifyPresigned(SignedRequest request, String stage) {
        requireNonNull(request, "request");
        requireNonNull(stage, "stage");
        return guarded(() -> {
            AccessKey key = authenticator.authenticatePresigned(request);
            if (!key.allowsStage(stage)) {
                return Denials.notAuthorized(key.accessKeyId(), "execute-api:Invoke",
                        Partitions.arnPrefix("execute-api", region) + "*:*/" + stage + "/$connect");
            }
            return new Verification.Allowed(key);
        });
    }

    /** Turns a denial thrown by a step into a value, and any unforeseen failure into a signature mismatch. */
    private static Verification guarded(Supplier<Verification> verification) {
        try {
            return verification.get();
        } catch (DeniedException e) {
            return e.denied();
        } catch (RuntimeException e) {
            LOG.debug("SigV4 verification failed unexpectedly; answering as a signature mismatch", e);
            return Denials.deny(Denials.SIGNATURE_MISMATCH).denied();
        }
    }

    private static Map<String, AccessKey> index(List<AccessKey> keys) {
        Map<String, AccessKey> index = new HashMap<>();
        for (AccessKey key : keys) {
            AccessKey previous = index.put(requireNonNull(key, "key").accessKeyId(), key);
            checkArgument(previous == null, "keys: %s appears twice (expected: distinct access key ids)",
                    key.accessKeyId());
        }
        return Map.copyOf(index);
    }
}
