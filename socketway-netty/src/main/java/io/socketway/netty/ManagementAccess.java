package io.socketway.netty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketway.core.SecuritySettings;
import io.socketway.core.TokenBucket;
import io.socketway.security.sigv4.SigV4Verifier;
import io.socketway.security.sigv4.SignedRequest;
import io.socketway.security.sigv4.Verification;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may call {@code @connections}: with access keys configured, every call must carry a valid SigV4
 * signature (service {@code execute-api}) from a key allowed on the stage and operation; without keys, only loopback
 * callers are accepted unless the node runs with {@code --insecure-management}. Each caller (key, or address without
 * keys) is held to a request rate; over it the answer is 429 {@code LimitExceededException}.
 *
 * <p>An unsigned call proves nothing about who sent it, so without keys two kinds of browser request are refused as
 * well (403), because a web page the operator visits could otherwise drive the node from the operator's own machine:
 * <ul>
 *   <li><b>cross-site requests</b>: an {@code Origin} other than the node's own ({@code http(s)://} plus the
 *       {@code Host} header), or {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}. A page on
 *       another site can send a form-style {@code POST} without reading the answer, enough to push, close or drain;
 *   <li><b>DNS rebinding</b> (loopback mode only): a {@code Host} that names neither an IP address,
 *       {@code localhost}, {@code *.localhost} nor one of the configured {@code managementHostNames}. A page whose
 *       name was re-pointed at 127.0.0.1 is same-origin with the node, and a browser sends no {@code Origin} or
 *       {@code Sec-Fetch-*} on a same-origin {@code GET} over plain HTTP, but it still names the page's host in
 *       {@code Host}.
 * </ul>
 * SDKs, the CLI and functions send no {@code Origin} and are not affected by the first rule; signed calls need neither
 * check, since a page cannot sign without the secret.
 *
 * <p>Threading: thread-safe; verification is CPU-only (HMAC), so it runs on the event loop without blocking.
 */
final class ManagementAccess {
    /** The stage name no stage-limited key allows: operations pages need a key for every stage. */
    private static final String ALL_STAGES = "*";
    private static final String SEC_FETCH_SITE = "Sec-Fetch-Site";
    private final SecuritySettings security;
    private final ClientAddresses addresses;
    private final List<String> hostNames;
    private final @Nullable SigV4Verifier verifier;
    private final Cache<String, TokenBucket> rates = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    /**
     * Creates the access rules of a node listening on {@code host}: its own name (when {@code host} is one) may be
     * named in {@code Host} by unsigned calls, as the names of {@code --management-host} may.
     */
    ManagementAccess(SecuritySettings security, String region, ClientAddresses addresses, String host) {
        this.security = security;
        this.addresses = addresses;
        this.hostNames = hostNames(security, host);
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
            // the client behind any trusted proxy: a call relayed by a proxy on this machine is not a loopback call
            InetAddress client = addresses.client(ctx.channel(), request.headers());
            if (!security.insecureManagement() && !client.isLoopbackAddress()) {
                return Optional.of(
                        forbidden("Management calls are accepted from loopback only until access keys are configured"));
            }
            Optional<Refusal> browser = browserRefusal(request, security.insecureManagement() ? null : hostNames);
            if (browser.isPresent()) {
                return browser;
            }
            caller = "ip:" + client.getHostAddress();
        }
        int rate = security.managementRequestsPerSecond();
        if (rate > 0 && !rates.get(caller, k -> new TokenBucket(rate, rate)).tryAcquire()) {
            return Optional.of(new Refusal(429, "LimitExceededException", "Too Many Requests"));
        }
        return Optional.empty();
    }

    /**
     * Returns the refusal of an unsigned request that a browser sent on behalf of another site, or (unless
     * {@code hostNames} is null, as with {@code --insecure-management}) through a name other than these that may have
     * been re-pointed at this machine; empty for everything else.
     */
    static Optional<Refusal> browserRefusal(FullHttpRequest request, @Nullable List<String> hostNames) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        String site = request.headers().get(SEC_FETCH_SITE);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return Optional.of(forbidden("Cross-site management calls are refused (Sec-Fetch-Site: " + site
                    + "); open the console from this node, or sign calls with an access key"));
        }
        if (origin != null && (host == null || !(origin.equalsIgnoreCase("http://" + host)
                || origin.equalsIgnoreCase("https://" + host)))) {
            return Optional.of(forbidden("Cross-origin management calls are refused (Origin: " + origin
                    + ", Host: " + host + "); open the console from this node, or sign calls with an access key"));
        }
        if (hostNames != null && host != null && !loopbackHost(host, hostNames)) {
            return Optional.of(forbidden("Unsigned management calls must name this machine as localhost, by its"
                    + " address or by a --management-host name (Host: " + host + "), or be signed with an access"
                    + " key; other names may be a web page's, re-pointed at this machine (DNS rebinding)"));
        }
        return Optional.empty();
    }

    /** Returns the names unsigned calls may give as {@code Host}: {@code --management-host}'s and the node's own. */
    static List<String> hostNames(SecuritySettings security, String host) {
        List<String> names = new ArrayList<>(security.managementHostNames());
        String own = host.toLowerCase(Locale.ROOT);
        if (!NetUtil.isValidIpV4Address(own) && !NetUtil.isValidIpV6Address(own)) {
            names.add(own);
        }
        return List.copyOf(names);
    }

    /**
     * Tells whether a {@code Host} header names this machine without DNS (an IP literal, localhost or *.localhost) or
     * by one of the configured names.
     */
    private static boolean loopbackHost(String hostHeader, List<String> hostNames) {
        String host = hostHeader.trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && NetUtil.isValidIpV6Address(host.substring(1, end));
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || NetUtil.isValidIpV4Address(host)
                || hostNames.contains(host);
    }

    private static Refusal forbidden(String message) {
        return new Refusal(403, "ForbiddenException", message);
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
    record Refusal(int status, String errorType, String message) {
        /** Returns the refusal as AWS answers: the status, {@code x-amzn-ErrorType} and {@code {"message": ...}}. */
        FullHttpResponse response() {
            return HttpResponses.awsError(HttpResponseStatus.valueOf(status), errorType,
                    "{\"message\":" + ManagementEndpoint.quote(message) + "}");
        }
    }
}
