package io.socketway.core;

import io.socketway.security.sigv4.SigV4Verifier;
import io.socketway.security.sigv4.SignedRequest;
import io.socketway.security.sigv4.Verification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code AuthorizationType: AWS_IAM} on {@code $connect} (spec §5.4): the connect URL must be SigV4-presigned (service
 * {@code execute-api}) with a configured access key allowed on the stage; anything else gets 403. The key id fills
 * {@code requestContext.identity} ({@code accessKey}, {@code caller}, {@code user}) as IAM-authorized events do.
 *
 * <p>Threading: thread-safe; never blocks.
 */
final class IamConnectAuthorizer implements ConnectAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(IamConnectAuthorizer.class);

    private final SigV4Verifier verifier;
    private final String accountId;
    private final String partition;

    IamConnectAuthorizer(SigV4Verifier verifier, String region, String accountId) {
        this.verifier = verifier;
        this.accountId = accountId;
        this.partition = io.socketway.api.Partitions.of(region);
    }

    @Override
    public Authorization authorize(Connection connection, HandshakeRequest handshake, String requestId) {
        SignedRequest request = new SignedRequest("GET", handshake.rawPath(), handshake.rawQuery(),
                handshake.headers(), new byte[0]);
        return switch (verifier.verifyPresigned(request, connection.stage())) {
            case Verification.Allowed allowed -> {
                String key = allowed.key().accessKeyId();
                Map<String, String> identity = new LinkedHashMap<>();
                identity.put("accessKey", key);
                identity.put("accountId", accountId);
                identity.put("caller", key);
                identity.put("user", key);
                identity.put("userArn", "arn:" + partition + ":iam::" + accountId
                        + ":user/" + key);
                yield new Authorization.Allowed(Map.of(), identity, Optional.empty());
            }
            case Verification.Denied denied -> {
                LOG.info("IAM authorization refused {} from {} (request {}): {}", connection.id(),
                        connection.sourceIp(), requestId, denied.message());
                yield new Authorization.Denied(denied.status(), "{\"message\":" + Json.quote(denied.message()) + "}");
            }
        };
    }
}
