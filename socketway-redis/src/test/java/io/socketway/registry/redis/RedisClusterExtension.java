package io.socketway.registry.redis;

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
 * --cluster-enabled yes} processes, joined by {@code redis-cli --cluster create ... --cluster-replicas 0}, then waits
 * until every node reports {@code cluster_state:ok}. Kills them and deletes their directory after the class.
 */
final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback, RedisUnderTest {
    private static final int MASTERS = 3;

    private Path dir;
    private final List<RedisProcess> masters = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("socketway-redis-cluster-");
        for (int i = 0; i < MASTERS; i++) {
            masters.add(RedisProcess.start(dir, port -> List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                    "--cluster-port", Integer.toString(RedisProcess.freePort()),
                    "--cluster-node-timeout", "5000")));
        }
        create();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> masters.stream()
                .allMatch(m -> RedisProcess.text(m.command("CLUSTER", "INFO")).contains("cluster_state:ok")));
    }

    private void create() throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        masters.forEach(m -> command.add("127.0.0.1:" + m.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process cli = RedisProcess.launch(command, dir.resolve("cluster-create.out"));
        if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            cli.destroyForcibly();
            throw new IllegalStateException("redis-cli --cluster create failed; see " + dir.resolve(
                    "cluster-create.out"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        masters.forEach(RedisProcess::kill);
        masters.clear();
        if (dir != null) {
            RedisProcess.deleteRecursively(dir);
        }
    }

    @Override
    public List<URI> uris() {
        return masters.stream().map(m -> URI.create("redis://127.0.0.1:" + m.port())).toList();
    }

    @Override
    public List<RedisProcess> servers() {
        return List.copyOf(masters);
    }
}
