package io.socketway.registry.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one gateway node reaches Redis: where, as which node, how often it proves it is alive, how long a Redis call may
 * take, and the keys that encrypt everything it writes there.
 *
 * <p>Passwords and ACL users travel in the URIs ({@code redis://user:password@host:6379}, {@code rediss://} for TLS);
 * {@link #toString()} hides them, and shows the ids of the encryption keys only. Encryption is on unless
 * {@link #unencrypted} (or {@code encryptionDisabled}) explicitly turns it off. Immutable and thread-safe.
 *
 * @param nodeId this node's id; must equal the gateway's {@code GatewaySettings.nodeId()}. Used in key and channel
 *     names, so it may not contain braces
 * @param uris one URI for a standalone Redis, or one or more seed nodes of a Redis Cluster
 * @param topology standalone, cluster, or {@link Topology#AUTO} (default): several URIs mean a cluster, one URI is
 *     asked ({@code INFO cluster})
 * @param heartbeatInterval how often this node refreshes its heartbeat (default 2 s)
 * @param nodeTtl how long a heartbeat lives; a node silent for this long counts as dead (default 10 s)
 * @param operationTimeout how long any Redis call or bus delivery may take before its stage fails (default 2 s)
 * @param encryptionKeys AES keys (16, 24 or 32 bytes) by key id; values written under any of them can be read
 * @param activeKeyId the id of the key new values are encrypted with; empty when encryption is disabled
 * @param encryptionDisabled true to write plaintext; then {@code encryptionKeys} must be empty
 * @param trustedCertificates for {@code rediss://}: a PEM file of the certificates (a private CA, or the server's own)
 *     to trust instead of the JVM's default trust store; the host name is verified either way
 */
public record RedisSettings(
        String nodeId,
        List<URI> uris,
        Topology topology,
        Duration heartbeatInterval,
        Duration nodeTtl,
        Duration operationTimeout,
        Map<String, byte[]> encryptionKeys,
        String activeKeyId,
        boolean encryptionDisabled,
        Optional<Path> trustedCertificates) {

    /** The default {@link #heartbeatInterval}: 2 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    /** The default {@link #nodeTtl}: 10 s. */
    public static final Duration DEFAULT_NODE_TTL = Duration.ofSeconds(10);
    /** The default {@link #operationTimeout}: 2 s. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(2);

    /** Whether the URIs name a standalone Redis or a Redis Cluster. */
    public enum Topology {
        /** Several URIs mean a cluster; for one URI, the server is asked. */
        AUTO,
        /** One standalone server (or a primary behind a proxy). */
        STANDALONE,
        /** A Redis Cluster; the URIs are seed nodes. */
        CLUSTER
    }

    /** Checks every field and copies the collections (and key bytes) so that the settings stay immutable. */
    public RedisSettings {
        notNull(nodeId, "nodeId");
        boolean braces = nodeId.chars().anyMatch(c -> c == '{' || c == '}');
        checkArgument(!nodeId.isEmpty() && nodeId.length() <= 200 && !braces,
                "nodeId: %s (expected: 1 to 200 characters without braces)", nodeId);
        uris = List.copyOf(notNull(uris, "uris"));
        checkArgument(!uris.isEmpty(), "uris: [] (expected: at least one redis:// or rediss:// URI)");
        uris.forEach(RedisSettings::checkUri);
        notNull(topology, "topology");
        checkArgument(topology != Topology.STANDALONE || uris.size() == 1,
                "uris: %s URIs (expected: exactly one for a standalone Redis)", uris.size());
        checkPositive(heartbeatInterval, "heartbeatInterval");
        checkPositive(nodeTtl, "nodeTtl");
        checkArgument(nodeTtl.compareTo(heartbeatInterval.multipliedBy(2)) >= 0,
                "nodeTtl: %s (expected: at least twice heartbeatInterval %s)", nodeTtl, heartbeatInterval);
        checkPositive(operationTimeout, "operationTimeout");
        encryptionKeys = copyKeys(notNull(encryptionKeys, "encryptionKeys"));
        notNull(activeKeyId, "activeKeyId");
        checkEncryption(encryptionKeys, activeKeyId, encryptionDisabled);
        notNull(trustedCertificates, "trustedCertificates");
        trustedCertificates.ifPresent(file -> checkArgument(Files.isReadable(file),
                "trustedCertificates: %s (expected: a readable PEM file)", file));
    }

    /**
     * Returns settings with the defaults that encrypt with {@code keys.get(activeKeyId)}.
     *
     * @param keys AES keys by key id; keep old ones listed while values written with them may remain in Redis
     */
    public static RedisSettings of(String nodeId, List<URI> uris, Map<String, byte[]> keys, String activeKeyId) {
        return new RedisSettings(nodeId, uris, Topology.AUTO, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_NODE_TTL,
                DEFAULT_OPERATION_TIMEOUT, keys, activeKeyId, false, Optional.empty());
    }

    /** Returns settings with the defaults that write plaintext to Redis: for trusted test setups only. */
    public static RedisSettings unencrypted(String nodeId, List<URI> uris) {
        return new RedisSettings(nodeId, uris, Topology.AUTO, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_NODE_TTL,
                DEFAULT_OPERATION_TIMEOUT, Map.of(), "", true, Optional.empty());
    }

    /** Returns a copy for another node id. */
    public RedisSettings withNodeId(String value) {
        return new RedisSettings(value, uris, topology, heartbeatInterval, nodeTtl, operationTimeout, encryptionKeys,
                activeKeyId, encryptionDisabled, trustedCertificates);
    }

    /** Returns a copy with another topology. */
    public RedisSettings withTopology(Topology value) {
        return new RedisSettings(nodeId, uris, value, heartbeatInterval, nodeTtl, operationTimeout, encryptionKeys,
                activeKeyId, encryptionDisabled, trustedCertificates);
    }

    /** Returns a copy with another heartbeat interval and node TTL. */
    public RedisSettings withHeartbeat(Duration interval, Duration ttl) {
        return new RedisSettings(nodeId, uris, topology, interval, ttl, operationTimeout, encryptionKeys, activeKeyId,
                encryptionDisabled, trustedCertificates);
    }

    /** Returns a copy with another operation timeout. */
    public RedisSettings withOperationTimeout(Duration value) {
        return new RedisSettings(nodeId, uris, topology, heartbeatInterval, nodeTtl, value, encryptionKeys,
                activeKeyId, encryptionDisabled, trustedCertificates);
    }

    /** Returns a copy that encrypts with {@code keys.get(activeKeyId)} and reads values written under any of them. */
    public RedisSettings withEncryptionKeys(Map<String, byte[]> keys, String activeKeyId) {
        return new RedisSettings(nodeId, uris, topology, heartbeatInterval, nodeTtl, operationTimeout, keys,
                activeKeyId, false, trustedCertificates);
    }

    /** Returns a copy that trusts the certificates in {@code pemFile} for {@code rediss://} connections. */
    public RedisSettings withTrustedCertificates(Path pemFile) {
        return new RedisSettings(nodeId, uris, topology, heartbeatInterval, nodeTtl, operationTimeout, encryptionKeys,
                activeKeyId, encryptionDisabled, Optional.of(pemFile));
    }

    /** Returns copies of the keys, so that callers cannot change them. */
    @Override
    public Map<String, byte[]> encryptionKeys() {
        return copyKeys(encryptionKeys);
    }

    /** Returns the URIs as text with any user and password replaced by {@code ***}, for messages and logs. */
    public String redactedUris() {
        return uris.stream().map(RedisSettings::redact).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Lists every field, without passwords and key bytes. */
    @Override
    public String toString() {
        return "RedisSettings[nodeId=" + nodeId + ", uris=" + redactedUris() + ", topology=" + topology
                + ", heartbeatInterval=" + heartbeatInterval + ", nodeTtl=" + nodeTtl
                + ", operationTimeout=" + operationTimeout + ", encryptionKeyIds=" + encryptionKeys.keySet()
                + ", activeKeyId=" + activeKeyId + ", encryptionDisabled=" + encryptionDisabled
                + ", trustedCertificates=" + trustedCertificates.map(Path::toString).orElse("(JVM default)") + "]";
    }

    private static void checkUri(URI uri) {
        notNull(uri, "uri");
        checkArgument(("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null,
                "uri: %s (expected: redis://host:port or rediss://host:port)", redact(uri));
    }

    private static void checkPositive(Duration value, String name) {
        notNull(value, name);
        checkArgument(!value.isNegative() && !value.isZero(), "%s: %s (expected: > 0)", name, value);
    }

    private static void checkEncryption(Map<String, byte[]> keys, String activeKeyId, boolean disabled) {
        if (disabled) {
            checkArgument(keys.isEmpty() && activeKeyId.isEmpty(),
                    "encryptionKeys: %s (expected: none when encryptionDisabled)", keys.keySet());
            return;
        }
        checkArgument(keys.containsKey(activeKeyId),
                "activeKeyId: %s (expected: one of %s; or disable encryption explicitly)", activeKeyId, keys.keySet());
        keys.forEach((id, key) -> {
            checkArgument(!id.isEmpty() && id.length() <= 64 && id.chars().allMatch(c -> c > 0x20 && c < 0x7f),
                    "encryptionKeys: key id %s (expected: 1 to 64 printable ASCII characters)", id);
            checkArgument(key.length == 16 || key.length == 24 || key.length == 32,
                    "encryptionKeys[%s]: %s bytes (expected: 16, 24 or 32)", id, key.length);
        });
    }

    private static Map<String, byte[]> copyKeys(Map<String, byte[]> keys) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        keys.forEach((id, key) -> copy.put(notNull(id, "key id"), notNull(key, "key").clone()));
        return Collections.unmodifiableMap(copy);
    }

    private static String redact(URI uri) {
        return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "***");
    }
}
