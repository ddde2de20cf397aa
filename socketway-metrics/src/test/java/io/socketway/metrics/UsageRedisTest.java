package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.UsageStore;
import io.socketway.registry.redis.RedisEngine;
import io.socketway.registry.redis.RedisSettings;
import io.socketway.testing.RedisProcess;
import io.socketway.testing.TestWebSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Usage counted by two gateway nodes adds up on their Redis, and outlives both. */
@Timeout(60)
class UsageRedisTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final UsageSettings FAST = UsageSettings.DEFAULT.withFlushInterval(Duration.ofMillis(100));
    private static Path dir;
    private static RedisProcess redis;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        dir = Files.createTempDirectory("socketway-usage-redis-");
        redis = RedisProcess.start(dir, port -> List.of());
    }

    @AfterAll
    static void stopRedis() {
        redis.kill();
        RedisProcess.deleteRecursively(dir);
    }

    @BeforeEach
    void emptyRedis() {
        RedisProcess.command(redis.port(), "FLUSHALL");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Starts a node with its own engine; its usage clock runs {@code ahead} of real time. */
    private OpsFixture node(String nodeId, Duration ahead) {
        RedisEngine engine = RedisEngine.connect(RedisSettings.unencrypted(nodeId,
                List.of(URI.create("redis://127.0.0.1:" + redis.port()))));
        open.add(engine);
        Clock clock = Clock.offset(Clock.systemUTC(), ahead);
        OpsFixture ops = OpsFixture.builder()
                .route("echo", true, e -> Map.of("statusCode", 200, "body", e.get("body").asText()))
                .usage((ApiDefinition api) -> SocketwayUsage.create(api, FAST, engine.usageStore(api.apiId()), clock))
                .start();
        open.add(ops);
        return ops;
    }

    @Test
    void addsUpTheCountsOfEveryNodeAndTheLiveMinutesOfTheOthers() throws Exception {
        OpsFixture a = node("node-a", Duration.ZERO);
        OpsFixture b = node("node-b", Duration.ofMinutes(5));
        try (TestWebSocket onA = a.connect()) {
            onA.send("{\"action\":\"echo\"}");
            onA.next(WAIT);
        }
        TestWebSocket onB = b.connect();
        open.add(onB);
        onB.send("{\"action\":\"echo\"}");
        onB.next(WAIT);
        onB.send("{\"action\":\"echo\"}");
        onB.next(WAIT);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode fromA = UsageTest.report(a).get("totals");
            assertThat(fromA.get("messagesIn").asLong()).isEqualTo(3);
            assertThat(fromA.get("messagesOut").asLong()).isEqualTo(3);
            assertThat(fromA.get("connections").asLong()).isEqualTo(2);
            assertThat(fromA.get("invocations").asLong()).isEqualTo(3);
            // A's closed connection: 1 minute; B's live one, 5 minutes by B's clock, published by B
            assertThat(fromA.get("connectionMinutes").asLong()).isEqualTo(1 + 5);
        });
        JsonNode fromB = UsageTest.report(b).get("totals");
        assertThat(fromB.get("messagesIn").asLong()).isEqualTo(3);
    }

    @Test
    void addsEachBatchOnceHoweverOftenItIsSent() throws Exception {
        try (RedisEngine engine = RedisEngine.connect(RedisSettings.unencrypted("node-e",
                List.of(URI.create("redis://127.0.0.1:" + redis.port()))))) {
            UsageStore store = engine.usageStore("opsapi1234");
            add(store, "w1", 1, 5);
            add(store, "w1", 1, 5);
            assertThat(stored()).as("a batch sent again after its answer was lost").isEqualTo(5);
            add(store, "w1", 2, 3);
            add(store, "w1", 1, 100);
            assertThat(stored()).as("an older batch").isEqualTo(8);
            add(store, "w2", 1, 2);
            assertThat(stored()).as("another writer's first batch").isEqualTo(10);
            long ttl = Long.parseLong(RedisProcess.text(RedisProcess.command(redis.port(), "PTTL",
                    "sw:usage:{opsapi1234}:batch:w1")));
            assertThat(ttl).as("a writer's last batch is remembered for a week").isGreaterThan(
                    Duration.ofDays(6).toMillis());
        }
    }

    private static void add(UsageStore store, String writer, long sequence, long messages) throws Exception {
        store.add(writer, sequence, Map.of("s|dev|messagesIn", messages)).toCompletableFuture()
                .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    private static long stored() {
        return Long.parseLong(RedisProcess.text(RedisProcess.command(redis.port(), "HGET", "sw:usage:{opsapi1234}",
                "s|dev|messagesIn")));
    }

    @Test
    void keepsTheTotalsWhenEveryNodeRestarts() throws Exception {
        OpsFixture first = node("node-c", Duration.ZERO);
        try (TestWebSocket client = first.connect()) {
            client.send("{\"action\":\"echo\"}");
            client.next(WAIT);
        }
        await().atMost(WAIT).until(() -> UsageTest.report(first).at("/totals/connectionMinutes").asLong() == 1);
        long before = UsageTest.report(first).at("/totals/messagesIn").asLong();
        String since = UsageTest.report(first).get("since").asText();
        closeAll();
        open.clear();

        OpsFixture second = node("node-d", Duration.ZERO);

        JsonNode r = UsageTest.report(second);
        assertThat(r.at("/totals/messagesIn").asLong()).isEqualTo(before);
        assertThat(r.get("since").asText()).isEqualTo(since);
        assertThat(RedisProcess.text(RedisProcess.command(redis.port(), "HGET", "sw:usage:{opsapi1234}",
                "s|dev|messagesIn"))).isEqualTo(Long.toString(before));
    }
}
