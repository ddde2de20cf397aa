package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.registry.redis.RedisSettings.Topology;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {
    private static final List<URI> ONE = List.of(URI.create("redis://alice:s3cret@redis.internal:6379"));
    private static final Map<String, byte[]> KEYS = Map.of("k1", new byte[32]);

    @Test
    void hasTheDocumentedDefaults() {
        RedisSettings settings = RedisSettings.of("node-1", ONE, KEYS, "k1");
        assertThat(settings.topology()).isEqualTo(Topology.AUTO);
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.nodeTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.operationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.encryptionDisabled()).isFalse();
    }

    @Test
    void showsNeitherPasswordsNorKeyBytes() {
        String text = RedisSettings.of("node-1", ONE, KEYS, "k1").toString();
        assertThat(text).doesNotContain("s3cret").doesNotContain("alice").contains("redis.internal:6379")
                .contains("encryptionKeyIds=[k1]").contains("nodeId=node-1");
    }

    @Test
    void keepsItsKeysToItself() {
        byte[] key = new byte[16];
        RedisSettings settings = RedisSettings.of("n", ONE, Map.of("k1", key), "k1");
        key[0] = 1;
        settings.encryptionKeys().get("k1")[1] = 1;
        assertThat(settings.encryptionKeys().get("k1")).containsOnly(0);
    }

    @Test
    void requiresKeysUnlessEncryptionIsExplicitlyDisabled() {
        assertThatThrownBy(() -> RedisSettings.of("n", ONE, Map.of(), ""))
                .hasMessageContaining("activeKeyId:  (expected: one of []; or disable encryption explicitly)");
        assertThatThrownBy(() -> RedisSettings.of("n", ONE, KEYS, "k2")).hasMessageContaining("activeKeyId: k2");
        assertThatThrownBy(() -> RedisSettings.of("n", ONE, Map.of("k1", new byte[20]), "k1"))
                .hasMessageContaining("encryptionKeys[k1]: 20 bytes (expected: 16, 24 or 32)");
        assertThat(RedisSettings.unencrypted("n", ONE).encryptionDisabled()).isTrue();
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> RedisSettings.of("n", List.of(URI.create("http://x:1")), KEYS, "k1"))
                .hasMessageContaining("(expected: redis://host:port or rediss://host:port)");
        assertThatThrownBy(() -> RedisSettings.of("n", List.of(), KEYS, "k1")).hasMessageContaining("uris: []");
        assertThatThrownBy(() -> RedisSettings.of("{n}", ONE, KEYS, "k1")).hasMessageContaining("without braces");
        RedisSettings two = RedisSettings.of("n", List.of(URI.create("redis://a:1"), URI.create("redis://b:1")),
                KEYS, "k1");
        assertThatThrownBy(() -> two.withTopology(Topology.STANDALONE)).hasMessageContaining("exactly one");
        RedisSettings one = RedisSettings.of("n", ONE, KEYS, "k1");
        assertThatThrownBy(() -> one.withHeartbeat(Duration.ofSeconds(2), Duration.ofSeconds(3)))
                .hasMessageContaining("nodeTtl: PT3S (expected: at least twice heartbeatInterval PT2S)");
        assertThatThrownBy(() -> one.withOperationTimeout(Duration.ZERO)).hasMessageContaining("(expected: > 0)");
    }
}
