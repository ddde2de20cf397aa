package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.time.Duration;

/**
 * How a gateway node runs: where it listens, its limits and how it treats functions. Immutable; validated on
 * construction. Everything the command line can set, these records can set.
 *
 * @param host the address to bind, default {@code 127.0.0.1}
 * @param port the port to bind, default 8080; 0 picks a free port
 * @param limits per-connection limits, AWS's by default
 * @param drainTimeout how long shutdown waits for in-flight invocations and {@code $disconnect} calls, default 10 s
 * @param functionCredentials the AWS credentials functions see in their environment
 * @param nodeId this node's id in a cluster; a random one by default
 * @param allowedOrigins browser origins allowed per stage ({@code *} for every stage); a handshake whose
 *     {@code Origin} is not listed gets 403. Empty (the default) allows every origin; handshakes without an
 *     {@code Origin} header (non-browser clients) are never refused by this check
 * @param rateLimits flood protection (connect rates, connections per address, messages per connection)
 * @param security access keys, management access and JWT key sources
 * @param metrics Prometheus metrics and alarm evaluation
 * @param functionHttp how functions reached over HTTP are called (client, connection pool, response size limit)
 * @param batching outbound flush windows and invocation batches; {@link BatchingSettings#OFF} by default
 */
public record GatewaySettings(
        String host, int port, Limits limits, Duration drainTimeout, FunctionCredentials functionCredentials,
        String nodeId, java.util.Map<String, java.util.Set<String>> allowedOrigins, RateLimits rateLimits,
        SecuritySettings security, MetricsSettings metrics, FunctionHttpSettings functionHttp,
        BatchingSettings batching) {

    /** The defaults: 127.0.0.1:8080, AWS's limits, 10 s drain, placeholder credentials. */
    public static GatewaySettings defaults() {
        return new GatewaySettings("127.0.0.1", 8080, Limits.DEFAULT, Duration.ofSeconds(10),
                FunctionCredentials.PLACEHOLDER, "node-" + Ids.requestId().substring(0, 8), java.util.Map.of(),
                RateLimits.DEFAULT, SecuritySettings.DEFAULT, MetricsSettings.DEFAULT,
                FunctionHttpSettings.DEFAULT, BatchingSettings.OFF);
    }

    public GatewaySettings {
        notNull(host, "host");
        checkArgument(port >= 0 && port <= 65535, "port: %s (expected: 0 to 65535)", port);
        notNull(limits, "limits");
        checkArgument(!drainTimeout.isNegative(), "drainTimeout: %s (expected: >= 0)", drainTimeout);
        notNull(functionCredentials, "functionCredentials");
        notNull(nodeId, "nodeId");
        notNull(rateLimits, "rateLimits");
        notNull(security, "security");
        notNull(metrics, "metrics");
        notNull(functionHttp, "functionHttp");
        notNull(batching, "batching");
        java.util.Map<String, java.util.Set<String>> origins = new java.util.LinkedHashMap<>();
        allowedOrigins.forEach((stage, set) -> origins.put(stage, java.util.Set.copyOf(set)));
        allowedOrigins = java.util.Collections.unmodifiableMap(origins);
    }

    /** Returns a copy with another node id (a cluster engine's). */
    public GatewaySettings withNodeId(String value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, notNull(value, "nodeId"),
                allowedOrigins, rateLimits, security, metrics, functionHttp, batching);
    }

    /** Returns a copy with other security settings. */
    public GatewaySettings withSecurity(SecuritySettings value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins,
                rateLimits, notNull(value, "security"), metrics, functionHttp, batching);
    }

    /** Returns a copy with other rate limits. */
    public GatewaySettings withRateLimits(RateLimits value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins,
                notNull(value, "rateLimits"), security, metrics, functionHttp, batching);
    }

    /** Returns a copy with another origin allow-list. */
    public GatewaySettings withAllowedOrigins(java.util.Map<String, java.util.Set<String>> value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, nodeId, value, rateLimits, security, metrics, functionHttp, batching);
    }

    /** Returns a copy with other metrics settings. */
    public GatewaySettings withMetrics(MetricsSettings value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins,
                rateLimits, security, notNull(value, "metrics"), functionHttp, batching);
    }

    /** Returns a copy with other settings for functions reached over HTTP. */
    public GatewaySettings withFunctionHttp(FunctionHttpSettings value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins,
                rateLimits, security, metrics, notNull(value, "functionHttp"), batching);
    }

    /** Returns a copy with other batching settings. */
    public GatewaySettings withBatching(BatchingSettings value) {
        return new GatewaySettings(host, port, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins,
                rateLimits, security, metrics, functionHttp, notNull(value, "batching"));
    }

    /** Returns true when a browser from {@code origin} may connect to {@code stage}. */
    public boolean originAllowed(String stage, @org.jspecify.annotations.Nullable String origin) {
        if (origin == null || allowedOrigins.isEmpty()) {
            return true;
        }
        java.util.Set<String> forStage = allowedOrigins.get(stage);
        java.util.Set<String> forAll = allowedOrigins.get("*");
        if (forStage == null && forAll == null) {
            return true;
        }
        return (forStage != null && forStage.contains(origin)) || (forAll != null && forAll.contains(origin));
    }

    /** Returns a copy bound to another host. */
    public GatewaySettings withHost(String value) {
        return new GatewaySettings(value, port, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins, rateLimits, security, metrics, functionHttp, batching);
    }

    /** Returns a copy bound to another port. */
    public GatewaySettings withPort(int value) {
        return new GatewaySettings(host, value, limits, drainTimeout, functionCredentials, nodeId, allowedOrigins, rateLimits, security, metrics, functionHttp, batching);
    }

    /** Returns a copy with other limits. */
    public GatewaySettings withLimits(Limits value) {
        return new GatewaySettings(host, port, value, drainTimeout, functionCredentials, nodeId, allowedOrigins, rateLimits, security, metrics, functionHttp, batching);
    }

    /** Returns a copy with another drain timeout. */
    public GatewaySettings withDrainTimeout(Duration value) {
        return new GatewaySettings(host, port, limits, value, functionCredentials, nodeId, allowedOrigins, rateLimits, security, metrics, functionHttp, batching);
    }

    /** Returns a copy with other function credentials. */
    public GatewaySettings withFunctionCredentials(FunctionCredentials value) {
        return new GatewaySettings(host, port, limits, drainTimeout, value, nodeId, allowedOrigins, rateLimits, security, metrics, functionHttp, batching);
    }

    /**
     * The credentials put in each function's environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
     * {@code AWS_SESSION_TOKEN}), so that an AWS SDK inside a function finds credentials at once and never asks a
     * cloud metadata service.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret key
     * @param sessionToken the session token; empty for none
     */
    public record FunctionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
        /** Local placeholders, accepted by the management API from loopback. */
        public static final FunctionCredentials PLACEHOLDER =
                new FunctionCredentials("ASIASOCKETWAYLOCAL00", "socketway-local-secret", "socketway-local-session");

        @Override
        public String toString() {
            return "FunctionCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
        }
    }
}
