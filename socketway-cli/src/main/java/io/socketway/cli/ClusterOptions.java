package io.socketway.cli;

import io.socketway.registry.redis.RedisEngine;
import io.socketway.registry.redis.RedisSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of {@code socketway run} that join the node to a cluster on Redis. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "URI[,URI...]", split = ",",
            description = "Join a cluster on Redis: redis://[user:password@]host:port or rediss://… for TLS; several"
                    + " URIs are the seed nodes of a Redis Cluster. Without it, one node keeps everything in memory.")
    List<URI> uris = List.of();

    @Option(names = "--cluster-key", paramLabel = "ID:BASE64",
            description = "AES key (16, 24 or 32 bytes, base64) encrypting what the node writes to Redis (repeatable;"
                    + " the first is used for new values, the others still decrypt, so keys rotate without downtime)."
                    + " Also SOCKETWAY_CLUSTER_KEYS (space-separated).")
    List<String> keys = List.of();

    @Option(names = "--cluster-no-encryption", defaultValue = "false",
            description = "Write payloads and connection records to Redis in plaintext (default: ${DEFAULT-VALUE}).")
    boolean noEncryption;

    @Option(names = "--cluster-ca", paramLabel = "PEM",
            description = "For rediss://: trust the certificates in this PEM file (a private CA or the server's own)"
                    + " instead of the JVM's trust store; host names are verified either way.")
    Path trustedCertificates;

    @Option(names = "--cluster-wait", defaultValue = "30s", converter = DurationConverter.class,
            description = "At start, how long to keep trying while Redis cannot be reached (not started yet,"
                    + " restarting); refused credentials or certificates fail at once (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--node-id", description = "This node's id in the cluster (default: a random one).")
    String nodeId;

    @Option(names = "--node-heartbeat", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often the node renews its heartbeat (default: ${DEFAULT-VALUE}).")
    Duration heartbeat;

    @Option(names = "--node-ttl", defaultValue = "10s", converter = DurationConverter.class,
            description = "A node silent this long is lost: its connections get $disconnect with 1006 (default:"
                    + " ${DEFAULT-VALUE}).")
    Duration nodeTtl;

    boolean enabled() {
        return !uris.isEmpty();
    }

    /** Connects to Redis, trying again for {@code --cluster-wait} while it cannot be reached. */
    RedisEngine connect(RedisSettings settings) {
        try {
            return RedisEngine.connect(settings, wait);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("--cluster: " + settings.redactedUris() + " (expected: a reachable Redis that accepts"
                    + " this node; " + (RedisEngine.unreachable(e) ? "not reachable within " + wait : "refused") + ": "
                    + root.getMessage() + ")", e);
        }
    }

    RedisSettings settings(String defaultNodeId) {
        RedisSettings settings = encryption(defaultNodeId).withHeartbeat(heartbeat, nodeTtl);
        if (trustedCertificates == null) {
            return settings;
        }
        if (!java.nio.file.Files.isReadable(trustedCertificates)) {
            throw new IllegalArgumentException("--cluster-ca: " + trustedCertificates
                    + " (expected: a readable PEM file of the certificates to trust)");
        }
        return settings.withTrustedCertificates(trustedCertificates);
    }

    private RedisSettings encryption(String defaultNodeId) {
        String id = nodeId == null ? defaultNodeId : nodeId;
        List<String> specs = new ArrayList<>(keys);
        String fromEnv = System.getenv("SOCKETWAY_CLUSTER_KEYS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            specs.addAll(List.of(fromEnv.trim().split("\\s+")));
        }
        if (noEncryption) {
            if (!specs.isEmpty()) {
                throw new IllegalArgumentException(
                        "--cluster-no-encryption: true (expected: no --cluster-key at the same time)");
            }
            return RedisSettings.unencrypted(id, uris);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("--cluster: " + uris + " (expected: at least one --cluster-key"
                    + " ID:BASE64 to encrypt what reaches Redis, or an explicit --cluster-no-encryption)");
        }
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        for (String spec : specs) {
            int colon = spec.indexOf(':');
            try {
                parsed.put(spec.substring(0, colon), Base64.getDecoder().decode(spec.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--cluster-key: " + (colon > 0 ? spec.substring(0, colon) : "?")
                        + ":*** (expected: ID:BASE64 of a 16, 24 or 32 byte AES key)");
            }
        }
        return RedisSettings.of(id, uris, parsed, parsed.keySet().iterator().next());
    }
}
