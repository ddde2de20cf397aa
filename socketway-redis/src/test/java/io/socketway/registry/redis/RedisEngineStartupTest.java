package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.testing.RedisProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A node started before Redis waits for it; a Redis that refuses the node fails the start at once. */
@Timeout(60)
class RedisEngineStartupTest {
    @TempDir
    Path dir;

    @Test
    void aNodeStartedBeforeRedisConnectsOnceRedisIsUp() throws Exception {
        int port = RedisProcess.freePort();
        RedisSettings settings = RedisSettings.of(TestEngines.newNodeId("early"),
                List.of(URI.create("redis://127.0.0.1:" + port)), TestEngines.KEYS, "k1");
        CompletableFuture<RedisEngine> engine = CompletableFuture.supplyAsync(
                () -> RedisEngine.connect(settings, Duration.ofSeconds(30)));
        assertThat(engine).as("still waiting for Redis").isNotDone();
        RedisProcess redis = RedisProcess.startOn(Files.createDirectory(dir.resolve("redis")), port);
        try (RedisEngine connected = engine.get(20, TimeUnit.SECONDS)) {
            assertThat(connected.registry().find("nobody").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEmpty();
        } finally {
            redis.kill();
        }
    }

    @Test
    void refusedCredentialsFailAtOnceInsteadOfWaiting() throws Exception {
        RedisProcess redis = RedisProcess.start(Files.createDirectory(dir.resolve("auth")),
                port -> List.of("--requirepass", "right"));
        try {
            RedisSettings settings = RedisSettings.of(TestEngines.newNodeId("wrong"),
                    List.of(URI.create("redis://:wrong@127.0.0.1:" + redis.port())), TestEngines.KEYS, "k1");
            long start = System.nanoTime();
            assertThatThrownBy(() -> RedisEngine.connect(settings, Duration.ofSeconds(30)))
                    .hasStackTraceContaining("WRONGPASS");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            redis.kill();
        }
    }
}
