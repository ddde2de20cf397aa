package io.socketway.cli;

import io.socketway.core.ClientAddressSettings;
import io.socketway.core.SecuritySettings;
import io.socketway.security.sigv4.AccessKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options of {@code socketway run} for authentication: management keys and JWT key sources. */
final class SecurityOptions {

    @Option(names = "--access-key", paramLabel = "ID:SECRET[:STAGES[:OPERATIONS]]",
            description = "SigV4 access key for @connections calls and AWS_IAM connect URLs (repeatable). STAGES and"
                    + " OPERATIONS (POST,GET,DELETE) are comma-separated; empty means all. With keys, every"
                    + " management call must be signed; without, only loopback callers are accepted."
                    + " Also read from SOCKETWAY_ACCESS_KEYS (space-separated).")
    List<String> accessKeys = List.of();

    @Option(names = "--insecure-management", defaultValue = "false",
            description = "Accept unsigned @connections calls from any address (needed to bind a non-loopback --host"
                    + " without --access-key). Logged as a warning (default: ${DEFAULT-VALUE}).")
    boolean insecureManagement;

    @Option(names = "--management-host", paramLabel = "NAME", split = ",",
            description = "A host name, besides localhost, *.localhost and IP addresses, by which unsigned management"
                    + " calls may reach the node from loopback (repeatable). Other names in Host get 403, since a web"
                    + " page can re-point its own name at 127.0.0.1 (DNS rebinding). Not used with --access-key or"
                    + " --insecure-management.")
    List<String> managementHosts = List.of();

    @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",",
            description = "A load balancer or proxy in front of the node, as an address or range (10.0.0.0/8;"
                    + " repeatable). Requests from it name the client in X-Forwarded-For: the right-most address"
                    + " that is not a trusted proxy becomes the client's (events, limits per address, access logs,"
                    + " management's loopback rule). Default: none, the TCP peer is the client.")
    List<String> trustedProxies = List.of();

    @Option(names = "--proxy-protocol", defaultValue = "false",
            description = "Every connection starts with a PROXY protocol v1 or v2 header (AWS Network Load Balancer,"
                    + " HAProxy send-proxy) naming the client; connections without one are closed. With"
                    + " --trusted-proxy, only those peers may send it (default: ${DEFAULT-VALUE}).")
    boolean proxyProtocol;

    @Option(names = "--management-requests-per-second", defaultValue = "10000",
            description = "@connections calls per second per access key (or per address without keys); over it 429"
                    + " LimitExceededException; 0 = off (default: ${DEFAULT-VALUE}).")
    int managementRequestsPerSecond;

    @Option(names = "--jwt-jwks-url", paramLabel = "URL",
            description = "Where JWT authorizers fetch signing keys (default: {Issuer}/.well-known/jwks.json).")
    Optional<URI> jwksUrl = Optional.empty();

    @Option(names = "--jwt-jwks-file", paramLabel = "FILE",
            description = "JWKS JSON or PEM public keys for JWT authorizers, instead of fetching.")
    Optional<Path> jwksFile = Optional.empty();

    @Option(names = "--jwt-secret", paramLabel = "SECRET",
            description = "Shared secret (at least 32 bytes) for HS256 tokens. Also SOCKETWAY_JWT_SECRET.",
            defaultValue = "${env:SOCKETWAY_JWT_SECRET}")
    Optional<String> jwtSecret = Optional.empty();

    @Option(names = "--jwt-clock-skew", defaultValue = "60s", converter = DurationConverter.class,
            description = "Tolerance for exp, nbf and iat (default: ${DEFAULT-VALUE}).")
    Duration jwtClockSkew;

    SecuritySettings settings() {
        List<AccessKey> keys = new ArrayList<>();
        List<String> specs = new ArrayList<>(accessKeys);
        String fromEnv = System.getenv("SOCKETWAY_ACCESS_KEYS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            specs.addAll(Arrays.asList(fromEnv.trim().split("\\s+")));
        }
        for (String spec : specs) {
            keys.add(accessKey(spec));
        }
        return SecuritySettings.DEFAULT.withAccessKeys(keys)
                .withInsecureManagement(insecureManagement)
                .withManagementRequestsPerSecond(managementRequestsPerSecond)
                .withManagementHostNames(managementHosts.stream().map(SecurityOptions::hostName).toList())
                .withClientAddresses(clientAddresses())
                .withJwtKeys(jwksUrl, jwksFile, jwtSecret.filter(s -> !s.isEmpty()), jwtClockSkew);
    }

    private ClientAddressSettings clientAddresses() {
        try {
            return new ClientAddressSettings(trustedProxies.stream().map(String::trim).toList(), proxyProtocol);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("trustedProxies:", "--trusted-proxy:"), e);
        }
    }

    private static String hostName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (!lower.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("--management-host: " + name
                    + " (expected: a host name without a port or scheme, such as gateway.test)");
        }
        return lower;
    }

    private static AccessKey accessKey(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 4 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("--access-key: " + parts[0]
                    + ":*** (expected: ID:SECRET[:STAGES[:OPERATIONS]], e.g. AKIDBACKEND:s3cr3t:dev:POST,GET)");
        }
        return new AccessKey(parts[0], parts[1], list(parts, 2), list(parts, 3));
    }

    private static Set<String> list(String[] parts, int index) {
        Set<String> out = new LinkedHashSet<>();
        if (parts.length > index) {
            for (String item : parts[index].split(",")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        }
        return out;
    }
}
