package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.testing.ConnectionRegistryContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Node membership and topology detection, run against a standalone Redis and a Redis Cluster by the subclasses.
 * Nodes here heartbeat every 100 ms with a 400 ms TTL, so that a killed node is noticed quickly.
 */
@Timeout(30)
abstract class EngineTests {
    static final Duration WAIT = Duration.ofSeconds(5);

    final TestEngines engines = new TestEngines(redis());

    /** Returns the Redis the subclass started. */
    abstract RedisUnderTest redis();

    /** Returns true when {@link #redis()} is a cluster. */
    abstract boolean cluster();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    RedisEngine node(String name) {
        return engines.start(engines.settings(TestEngines.newNodeId(name))
                .withHeartbeat(Duration.ofMillis(100), Duration.ofMillis(400)));
    }

    @Test
    void detectsTheTopologyFromOneUri() {
        RedisSettings settings = engines.settings(TestEngines.newNodeId("probe"));
        RedisEngine engine = engines.start(new RedisSettings(settings.nodeId(), settings.uris().subList(0, 1),
                RedisSettings.Topology.AUTO, settings.heartbeatInterval(), settings.nodeTtl(),
                settings.operationTimeout(), TestEngines.KEYS, "k1", false, java.util.Optional.empty()));
        assertThat(engine.cluster()).isEqualTo(cluster());
    }

    @Test
    void listsEveryConnectedNodeAsLive() {
        RedisEngine a = node("a");
        RedisEngine b = node("b");
        assertThat(a.membership().liveNodes()).succeedsWithin(WAIT).asInstanceOf(
                InstanceOfAssertFactories.collection(String.class))
                .contains(a.membership().nodeId(), b.membership().nodeId());
    }

    @Test
    void survivorsReapAKilledNodesConnectionsExactlyOnce() throws Exception {
        String stage = "stage-" + UUID.randomUUID();
        List<RedisEngine> victims = List.of(node("victim1"), node("victim2"), node("victim3"));
        RedisEngine survivor1 = node("survivor1");
        RedisEngine survivor2 = node("survivor2");
        Set<String> victimConnections = new HashSet<>();
        for (RedisEngine victim : victims) {
            victimConnections.addAll(register(victim, stage, 20));
        }
        List<String> survivorConnections = register(survivor1, stage, 5);

        victims.forEach(RedisEngine::close); // kill -9: no leave, the heartbeat just stops
        Set<String> victimIds = new HashSet<>(victims.stream().map(v -> v.membership().nodeId()).toList());
        await().atMost(WAIT).until(() -> !liveNodes(survivor1).stream().anyMatch(victimIds::contains));

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<ConnectionRecord>>> reaps = new ArrayList<>();
        List<ConnectionRecord> reaped = new ArrayList<>();
        try (ExecutorService racers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                for (RedisEngine survivor : List.of(survivor1, survivor2)) {
                    reaps.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return survivor.membership().reapDeadNodes().toCompletableFuture().join();
                    }, racers));
                }
            }
            start.countDown();
            for (CompletableFuture<List<ConnectionRecord>> reap : reaps) {
                reaped.addAll(reap.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
        }

        assertThat(reaped).extracting(ConnectionRecord::connectionId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(victimConnections);
        assertThat(reaped).as("records as registered, decrypted").allSatisfy(r -> {
            assertThat(r.stage()).isEqualTo(stage);
            assertThat(victimIds).contains(r.nodeId());
            assertThat(r.sourceIp()).isEqualTo("192.0.2.1");
            assertThat(r.userAgent()).isEqualTo("test");
        });
        assertThat(survivor2.membership().reapDeadNodes()).succeedsWithin(WAIT)
                .asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
        ConnectionRegistry registry = survivor2.registry();
        for (String id : victimConnections) {
            assertThat(registry.find(id)).succeedsWithin(WAIT).isEqualTo(Optional.empty());
        }
        assertThat(registry.list(stage, "", 100)).succeedsWithin(WAIT)
                .satisfies(page -> assertThat(page.connections()).extracting(ConnectionRecord::connectionId)
                        .containsExactlyInAnyOrderElementsOf(survivorConnections));
        assertThat(keysMentioning(victims.get(0).membership().nodeId())).as("keys left for a reaped node")
                .allMatch(k -> k.startsWith("sw:reap:{"));
    }

    @Test
    void gracefulLeaveRemovesTheNodeAndEverythingItRegistered() {
        RedisEngine leaving = node("leaving");
        RedisEngine staying = node("staying");
        String stage = "stage-" + UUID.randomUUID();
        List<String> connections = register(leaving, stage, 3);
        String leavingId = leaving.membership().nodeId();

        leaving.membership().close(); // what Gateway.close() does; leave() is the asynchronous form

        assertThat(liveNodes(staying)).doesNotContain(leavingId);
        for (String id : connections) {
            assertThat(staying.registry().find(id)).succeedsWithin(WAIT).isEqualTo(Optional.empty());
        }
        assertThat(staying.registry().list(stage, "", 10)).succeedsWithin(WAIT)
                .satisfies(page -> assertThat(page.connections()).isEmpty());
        assertThat(keysMentioning(leavingId)).isEmpty();
        assertThat(staying.membership().reapDeadNodes()).succeedsWithin(WAIT)
                .asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
    }

    @Test
    void reportsAHeartbeatThatLapsedWhileTheNodeRan() {
        RedisEngine node = node("lapsing");
        CountDownLatch lapsed = new CountDownLatch(1);
        node.membership().onHeartbeatLapse(lapsed::countDown);
        onOwner(Keys.heartbeat(node.membership().nodeId()), "DEL");
        await().atMost(WAIT).until(() -> lapsed.getCount() == 0);
        assertThat(liveNodes(node)).contains(node.membership().nodeId());
    }

    static List<String> register(RedisEngine engine, String stage, int count) {
        List<ConnectionRecord> records = IntStream.range(0, count)
                .mapToObj(i -> new ConnectionRecord(ConnectionRegistryContract.randomConnectionId(), stage,
                        engine.membership().nodeId(), System.currentTimeMillis(), "192.0.2.1", "test"))
                .toList();
        records.forEach(r -> engine.registry().register(r).toCompletableFuture().join());
        return records.stream().map(ConnectionRecord::connectionId).toList();
    }

    static List<String> liveNodes(RedisEngine engine) {
        return engine.membership().liveNodes().toCompletableFuture().join();
    }

    /** Returns every key, on every server, whose name contains {@code text}. */
    List<String> keysMentioning(String text) {
        List<String> keys = new ArrayList<>();
        for (RedisProcess server : redis().servers()) {
            String cursor = "0";
            do {
                List<?> reply = (List<?>) server.command("SCAN", cursor, "MATCH", "*" + text + "*", "COUNT", "1000");
                cursor = RedisProcess.text(reply.get(0));
                ((List<?>) reply.get(1)).forEach(k -> keys.add(RedisProcess.text(k)));
            } while (!cursor.equals("0"));
        }
        return keys;
    }

    /** Runs a one-key command on the server that owns the key (the others answer MOVED). */
    Object onOwner(String key, String command) {
        RuntimeException last = null;
        for (RedisProcess server : redis().servers()) {
            try {
                return server.command(command, key);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
