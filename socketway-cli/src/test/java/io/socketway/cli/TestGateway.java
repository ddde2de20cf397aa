package io.socketway.cli;

import io.socketway.api.ApiDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.SecuritySettings;
import io.socketway.metrics.SocketwayUsage;
import io.socketway.metrics.UsageSettings;
import io.socketway.netty.GatewayServer;
import io.socketway.security.sigv4.AccessKey;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import io.socketway.testing.TestWebSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A real gateway on a free loopback port serving stage {@code dev} of {@code connections/template.yaml}, whose
 * {@code whoami} route answers the caller's connection id. Optionally with management access keys.
 *
 * <p>Thread-safe as {@link GatewayServer} is; closing stops the server.
 */
final class TestGateway implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final GatewayServer server;
    private final @Nullable SocketwayUsage usage;

    private TestGateway(List<AccessKey> keys, boolean metered) {
        ApiDefinition api = TemplateLoader.load(template(), TemplateOptions.defaults());
        Gateway.Builder builder = Gateway.builder(api).settings(GatewaySettings.defaults().withPort(0)
                .withSecurity(SecuritySettings.DEFAULT.withAccessKeys(keys)));
        usage = metered ? SocketwayUsage.create(api, UsageSettings.DEFAULT) : null;
        if (usage != null) {
            usage.bind(builder);
        }
        Gateway gateway = builder.build();
        if (usage != null) {
            usage.attach(gateway);
        }
        server = GatewayServer.start(gateway);
    }

    /** Starts a gateway that accepts unsigned management calls from loopback. */
    static TestGateway start() {
        return new TestGateway(List.of(), false);
    }

    /** Starts a gateway that meters usage in memory and serves {@code /_socketway/usage}. */
    static TestGateway metered() {
        return new TestGateway(List.of(), true);
    }

    /** Starts a gateway whose management calls must be signed with {@code id}/{@code secret}. */
    static TestGateway withKey(String id, String secret) {
        return new TestGateway(List.of(new AccessKey(id, secret, Set.of(), Set.of())), false);
    }

    /** Returns the management base of stage {@code dev}, e.g. {@code http://127.0.0.1:41234/dev}. */
    String endpoint() {
        return server.endpoint().httpBase() + "/dev";
    }

    /** Connects a real WebSocket client to stage {@code dev}. */
    TestWebSocket connect(String... headers) {
        return TestWebSocket.connect(server.endpoint().webSocketBase() + "/dev", headers);
    }

    /** Returns the connection id of {@code client}, as the {@code whoami} route answers it. */
    static String idOf(TestWebSocket client) throws InterruptedException {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }

    private static Path template() {
        try {
            return Path.of(TestGateway.class.getResource("/connections/template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        if (usage != null) {
            usage.close();
        }
    }
}
