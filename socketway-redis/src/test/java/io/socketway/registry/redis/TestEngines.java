package io.socketway.registry.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Starts engines against a test Redis, with test keys and short timeouts, and closes them all after a test. */
final class TestEngines implements AutoCloseable {
    /** A 256-bit test key ("k1"); tests that rotate keys add others. */
    static final Map<String, byte[]> KEYS = Map.of("k1", key("k1"));

    private final RedisUnderTest redis;
    private final List<RedisEngine> started = new CopyOnWriteArrayList<>();

    TestEngines(RedisUnderTest redis) {
        this.redis = redis;
    }

    /**
     * Returns settings for {@code nodeId}: encrypted with k1, 3 s operation timeout (short enough for the tests that
     * wait for a timeout, long enough for a thousand ordered deliveries on a busy two-core machine).
     */
    RedisSettings settings(String nodeId) {
        return RedisSettings.of(nodeId, redis.uris(), KEYS, "k1").withOperationTimeout(Duration.ofSeconds(3));
    }

    /** Starts an engine for {@code nodeId} with {@link #settings}. */
    RedisEngine start(String nodeId) {
        return start(settings(nodeId));
    }

    /** Starts an engine with these settings. */
    RedisEngine start(RedisSettings settings) {
        RedisEngine engine = RedisEngine.connect(settings);
        started.add(engine);
        return engine;
    }

    /** Returns a node id no other test uses. */
    static String newNodeId(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Returns a deterministic 32-byte test key derived from its id. */
    static byte[] key(String id) {
        byte[] key = new byte[32];
        byte[] seed = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed[i % seed.length] * 31 + i);
        }
        return key;
    }

    /** Lets every engine still running leave (so later tests find no dead nodes of this one), then closes all. */
    @Override
    public void close() {
        for (RedisEngine engine : started) {
            try {
                engine.membership().leave().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // already closed ("killed") by the test: survivors reap it, or nothing is left
            }
            engine.close();
        }
        started.clear();
    }
}
