package io.socketway.registry.redis;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.netty.GatewayServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.Optional;

/**
 * Starts gateway nodes (in-JVM servers with their own event loops and ports) on one Redis, wired as the command line
 * wires them: registry, bus, membership with reaping every heartbeat, and re-registration after a heartbeat lapse.
 */
final class GatewayNodes implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofMillis(200);

    final List<GatewayServer> servers = new ArrayList<>();
    final List<RedisEngine> engines = new ArrayList<>();

    private GatewayNodes() {}

    /** Starts one node per name serving {@code api}; a node is lost after {@code ttl} without heartbeat. */
    static GatewayNodes start(List<URI> redis, ApiDefinition api, Duration ttl, String... names) {
        return start(redis, UnaryOperator.identity(), api, ttl, names);
    }

    /** Starts one node per name, with Redis settings changed by {@code customize} (TLS trust, for example). */
    static GatewayNodes start(List<URI> redis, UnaryOperator<RedisSettings> customize, ApiDefinition api,
            Duration ttl, String... names) {
        GatewayNodes nodes = new GatewayNodes();
        for (String name : names) {
            RedisSettings settings = customize.apply(RedisSettings.of(TestEngines.newNodeId(name), redis,
                    TestEngines.KEYS, "k1").withHeartbeat(HEARTBEAT, ttl));
            RedisEngine engine = RedisEngine.connect(settings);
            nodes.engines.add(engine);
            Gateway gateway = Gateway.builder(api)
                    .settings(GatewaySettings.defaults().withPort(0).withNodeId(settings.nodeId()))
                    .registry(engine.registry()).bus(engine.bus())
                    .membership(engine.membership(), HEARTBEAT)
                    .build();
            engine.membership().onHeartbeatLapse(gateway::reregisterConnections);
            nodes.servers.add(GatewayServer.start(gateway));
        }
        return nodes;
    }

    /** Returns an API whose two-way MOCK route {@code whoami} answers with the caller's id, plus {@code extra}. */
    static ApiDefinition whoamiApi(Map<String, RouteDefinition> extra) {
        IntegrationDefinition whoami = new IntegrationDefinition("WhoAmI", IntegrationType.MOCK, "", Optional.empty(),
                "POST", IntegrationDefinition.DEFAULT_TIMEOUT, Map.of("$default", "{\"statusCode\": 200}"),
                Optional.empty(), Map.of("$default", "$context.connectionId"), Map.of());
        Map<String, RouteDefinition> routes = new LinkedHashMap<>(extra);
        routes.put("whoami", new RouteDefinition("R", "whoami", Optional.of(whoami), true));
        return new ApiDefinition(Path.of(""), "Api", "cluster", "clstr12345", "$request.body.action",
                List.of(new StageDefinition("dev", Map.of())), routes, Map.of(), "us-east-1", "123456789012", "test",
                List.of(), Map.of());
    }

    /** Returns the WebSocket URL of node {@code i}. */
    String ws(int i) {
        return "ws://127.0.0.1:" + servers.get(i).port() + "/dev";
    }

    /** Returns the {@code @connections/} base URL of node {@code i}. */
    String management(int i) {
        return "http://127.0.0.1:" + servers.get(i).port() + "/dev/@connections/";
    }

    @Override
    public void close() {
        servers.forEach(GatewayServer::close);
        engines.forEach(RedisEngine::close);
    }
}
