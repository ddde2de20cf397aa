package io.socketway.netty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketway.core.SecuritySettings;
import io.socketway.core.TokenBucket;
import io.socketway.security.sigv4.SigV4Verifier;
import io.socketway.security.sigv4.SignedRequest;
import io.socketway.security.sigv4.Verification;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may call {@code @connections}: with access keys configured, every call must carry a valid SigV4
 * signature (service {@code execute-api}) from a key allowed on the stage and operation; without keys, only loopback
 * callers are accepted unless the node runs with {@code --insecure-management}. Each caller (key, or address without
 * keys) is held to a request rate; over it the answer is 429 {@code LimitExceededException}.
 *
 * <p>Threading: thread-safe; verification is CPU-only (HMAC), so it runs on the event loop without blocking.
 */
final class ManagementAccess {
    /** The stage name no stage-limited key allows: operations pages need a key for every stage. */
    private static final String ALL_STAGES = "*";
    private final SecuritySettings security;
    private final @Nullable SigV4Verifier verifier;
    private final Cache<String, TokenBucket> rates = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    ManagementAccess(SecuritySettings security, String region) {
        this.security = security;
        this.verifier = security.accessKeys().isEmpty() ? null : new SigV4Verifier(security.accessKeys(), region);
    }

    /** Returns the refusal for this call, or empty when it may proceed. */
    Optional<Refusal> check(ChannelHandlerContext ctx, FullHttpRequest request, String stage) {
        return check(ctx, request, stage, request.method().name());
    }

    /**
     * Returns the refusal for a read of an operations page (metrics, alarms), or empty when it may proceed: the same
     * rules as a {@code GET} of {@code @connections}, but a signing key must not be limited to some stages, as the
     * pages cover every stage.
     */
    Optional<Refusal> checkOperations(ChannelHandlerContext ctx, FullHttpRequest request) {
        return check(ctx, request, ALL_STAGES, "GET");
    }

    private Optional<Refusal> check(ChannelHandlerContext ctx, FullHttpRequest request, String stage,
            String operation) {
        String caller;
        if (verifier != null) {
            Verification verification = verifier.verifyManagement(signed(request), stage, operation);
            if (verification instanceof Verification.Denied denied) {
                return Optional.of(new Refusal(denied.status(), denied.errorType(), denied.message()));
            }
            caller = "key:" + ((Verification.Allowed) verification).key().accessKeyId();
        } else {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            if (!security.insecureManagement() && !remote.getAddress().isLoopbackAddress()) {
                return Optional.of(new Refusal(403, "ForbiddenException",
                        "Management calls are accepted from loopback only until access keys are configured"));
            }
            caller = "ip:" + remote.getAddress().getHostAddress();
        }
        int rate = security.managementRequestsPerSecond();
        if (rate > 0 && !rates.get(caller, k -> new TokenBucket(rate, rate)).tryAcquire()) {
            return Optional.of(new Refusal(429, "LimitExceededException", "Too Many Requests"));
        }
        return Optional.empty();
    }

    private static SignedRequest signed(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String rawQuery = uri.rawQuery();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().forEach(headers::add);
        return new SignedRequest(request.method().name(), uri.rawPath(), rawQuery == null ? "" : rawQuery, headers,
                ByteBufUtil.getBytes(request.content()));
    }

    /**
     * A refusal: HTTP status, {@code x-amzn-ErrorType} and message.
     *
     * @param status the HTTP status
     * @param errorType the AWS error type
     * @param message the AWS message
     */
    record Refusal(int status, String errorType, String message) {}
}
