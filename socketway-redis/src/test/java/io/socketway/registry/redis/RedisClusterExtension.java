package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds a three-master Redis Cluster on free loopback ports before a test class: three {@code redis-server
 * --cluster-enabled yes} processes (six with one replica each), joined by {@code redis-cli --cluster create ...
 * --cluster-replicas N}, then waits until every node reports {@code cluster_state:ok}. Kills them and deletes their
 * directory after the class.
 */
final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback, RedisUnderTest {
    private static final int MASTERS = 3;

    private final int replicas;
    private final Duration nodeTimeout;
    private Path dir;
    private final List<RedisProcess> nodes = new ArrayList<>();

    /** Three masters without replicas. */
    RedisClusterExtension() {
        this(0, Duration.ofSeconds(5));
    }

    /**
     * Three masters with {@code replicas} replicas each; a master silent for {@code nodeTimeout} is failed over to its
     * replica.
     */
    RedisClusterExtension(int replicas, Duration nodeTimeout) {
        this.replicas = replicas;
        this.nodeTimeout = nodeTimeout;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("socketway-redis-cluster-");
        for (int i = 0; i < MASTERS * (1 + replicas); i++) {
            nodes.add(RedisProcess.start(dir, port -> List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                    "--cluster-port", Integer.toString(RedisProcess.freePort()),
                    "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()),
                    // a replica of an idle master may otherwise count its data as too old to take over
                    "--cluster-replica-validity-factor", "0")));
        }
        create();
        awaitHealthy(nodes);
    }

    private void awaitHealthy(List<RedisProcess> servers) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> servers.stream()
                .allMatch(m -> RedisProcess.text(m.command("CLUSTER", "INFO")).contains("cluster_state:ok")));
    }

    /**
     * Kills (SIGKILL) the master that serves {@code key}'s slot and waits until its replica has taken over and the
     * cluster is healthy again; returns the killed server's port.
     */
    int failOverMasterOf(String key) {
        RedisProcess master = masterOf(key);
        master.kill();
        List<RedisProcess> alive = nodes.stream().filter(n -> n != master).toList();
        awaitHealthy(alive);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> masterOf(key) != master);
        nodes.remove(master);
        return master.port();
    }

    /** Returns the master that currently serves {@code key}'s slot, as any live node sees it. */
    RedisProcess masterOf(String key) {
        RedisProcess any = nodes.stream().filter(RedisProcess::isAlive).reduce((a, b) -> b).orElseThrow();
        long slot = (Long) any.command("CLUSTER", "KEYSLOT", key);
        for (Object range : (List<?>) any.command("CLUSTER", "SLOTS")) {
            List<?> r = (List<?>) range;
            if ((Long) r.get(0) <= slot && slot <= (Long) r.get(1)) {
                long port = (Long) ((List<?>) r.get(2)).get(1);
                return nodes.stream().filter(n -> n.port() == port).findFirst().orElseThrow();
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    private void create() throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(m -> command.add("127.0.0.1:" + m.port()));
        command.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
        Process cli = RedisProcess.launch(command, dir.resolve("cluster-create.out"));
        if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            cli.destroyForcibly();
            throw new IllegalStateException("redis-cli --cluster create failed; see " + dir.resolve(
                    "cluster-create.out"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        nodes.forEach(RedisProcess::kill);
        nodes.clear();
        if (dir != null) {
            RedisProcess.deleteRecursively(dir);
        }
    }

    @Override
    public List<URI> uris() {
        return nodes.stream().map(m -> URI.create("redis://127.0.0.1:" + m.port())).toList();
    }

    @Override
    public List<RedisProcess> servers() {
        return List.copyOf(nodes);
    }
}
