package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a standalone {@code redis-server} on a free loopback port before a test class ({@code --save ''
 * --appendonly no}), and kills it and deletes its directory after. Register as a static field with
 * {@code @RegisterExtension}.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, RedisUnderTest {
    private final List<String> extraArgs;
    private Path dir;
    private RedisProcess server;

    /** Starts a server with the test defaults. */
    RedisServerExtension() {
        this(List.of());
    }

    /** Starts a server with more {@code redis-server} arguments (a password, ACL users, ...). */
    RedisServerExtension(List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("socketway-redis-");
        server = RedisProcess.start(dir, port -> extraArgs);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.kill();
        }
        if (dir != null) {
            RedisProcess.deleteRecursively(dir);
        }
    }

    /** Kills the server (everything in it is lost, as nothing is persisted). */
    void kill() {
        server.kill();
    }

    /** Starts an empty server again on the same port. */
    void restart() {
        server = RedisProcess.startOn(dir, server.port());
    }

    @Override
    public List<URI> uris() {
        return List.of(URI.create("redis://127.0.0.1:" + server.port()));
    }

    @Override
    public List<RedisProcess> servers() {
        return List.of(server);
    }
}
