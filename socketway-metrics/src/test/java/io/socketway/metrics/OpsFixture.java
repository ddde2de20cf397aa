package io.socketway.metrics;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.ApiDefinition;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.MetricsSettings;
import io.socketway.netty.GatewayServer;
import io.socketway.registry.redis.RedisEngine;
import io.socketway.testing.TestWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real gateway on a free port with metrics and alarms bound as the CLI binds them, an API built in code, and an HTTP
 * client for its pages. Closes (drains) the gateway, then the metrics.
 */
final class OpsFixture implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final ApiDefinition api;
    final SocketwayMetrics metrics;
    final GatewayServer server;
    final @Nullable SocketwayUsage usage;

    private OpsFixture(ApiDefinition api, TestFunctions functions, UnaryOperator<GatewaySettings> settings,
            @Nullable Function<ApiDefinition, SocketwayUsage> usage, @Nullable Node node) {
        this.api = api;
        GatewaySettings s = settings.apply(GatewaySettings.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(5)));
        Gateway.Builder builder = Gateway.builder(api).functionRuntime(functions);
        if (node == null) {
            this.metrics = SocketwayMetrics.create(api, s.metrics());
        } else {
            s = s.withNodeId(node.id());
            this.metrics = node.localAlarms() ? SocketwayMetrics.create(api, s.metrics())
                    : SocketwayMetrics.create(api, s.metrics(), node.engine().alarmStore(), node.id());
            builder.registry(node.engine().registry()).bus(node.engine().bus())
                    .membership(node.engine().membership(), Duration.ofSeconds(1));
        }
        builder.settings(s);
        this.usage = usage == null ? null : usage.apply(api);
        metrics.bind(builder);
        if (this.usage != null) {
            this.usage.bind(builder);
        }
        Gateway gateway = builder.build();
        if (this.usage != null) {
            this.usage.attach(gateway);
        }
        this.server = GatewayServer.start(gateway);
    }

    static Builder builder() {
        return new Builder();
    }

    String ws() {
        return "ws://127.0.0.1:" + server.port() + "/dev";
    }

    TestWebSocket connect() {
        return TestWebSocket.connect(ws());
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Scrapes the default metrics path. */
    Scrape scrape() throws Exception {
        HttpResponse<String> response = get(MetricsSettings.DEFAULT.path());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("scrape answered " + response.statusCode() + ": " + response.body());
        }
        return Scrape.parse(response.body());
    }

    @Override
    public void close() {
        server.close();
        metrics.close();
        if (usage != null) {
            usage.close();
        }
    }

    /** Builds the API: routes backed by test handlers of the same name, one stage {@code dev}. */
    static final class Builder {
        private final Map<String, RouteDefinition> routes = new LinkedHashMap<>();
        private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
        private final Map<String, AlarmDefinition> alarms = new LinkedHashMap<>();
        private final TestFunctions runtime = new TestFunctions();
        private Map<String, Boolean> detailed = Map.of();
        private UnaryOperator<GatewaySettings> settings = s -> s;
        private @Nullable Function<ApiDefinition, SocketwayUsage> usage;
        private int memorySizeMb = 128;
        private @Nullable Node node;

        Builder route(String key, boolean twoWay, TestFunctions.Handler handler) {
            String name = key.replace("$", "");
            runtime.handler(name, handler);
            functions.put(name, new FunctionDefinition(name, "fn-" + name, name, "test", Path.of("."), Map.of(),
                    Duration.ofSeconds(3), memorySizeMb, OptionalInt.empty()));
            IntegrationDefinition integration = new IntegrationDefinition("Int" + name, IntegrationType.AWS_PROXY,
                    "arn:aws:lambda:us-east-1:123456789012:function:fn-" + name, Optional.of(name), "POST",
                    IntegrationDefinition.DEFAULT_TIMEOUT, Map.of(), Optional.empty(), Map.of(), Map.of());
            routes.put(key, new RouteDefinition("Route" + name, key, Optional.of(integration), twoWay));
            return this;
        }

        /** Enables detailed (per-route) metrics for these routes of stage {@code dev}. */
        Builder detailedMetrics(String... routeKeys) {
            Map<String, Boolean> map = new LinkedHashMap<>();
            for (String key : routeKeys) {
                map.put(key, true);
            }
            this.detailed = map;
            return this;
        }

        /** Gives the functions of the routes added after this call {@code MemorySize: value}. */
        Builder memorySize(int value) {
            this.memorySizeMb = value;
            return this;
        }

        /** Meters usage with what {@code value} creates for the API, bound and attached as the CLI does. */
        Builder usage(Function<ApiDefinition, SocketwayUsage> value) {
            this.usage = value;
            return this;
        }

        /**
         * Makes the gateway node {@code id} of the cluster on {@code engine}, its alarms evaluated on the cluster's
         * traffic (or on its own when {@code localAlarms}, the behaviour before cluster evaluation).
         */
        Builder clusterNode(String id, RedisEngine engine, boolean localAlarms) {
            this.node = new Node(id, engine, localAlarms);
            return this;
        }

        Builder alarm(AlarmDefinition alarm) {
            alarms.put(alarm.logicalId(), alarm);
            return this;
        }

        Builder settings(UnaryOperator<GatewaySettings> value) {
            this.settings = value;
            return this;
        }

        OpsFixture start() {
            ApiDefinition api = new ApiDefinition(Path.of(""), "OpsApi", "ops-api", "opsapi1234",
                    "$request.body.action", List.of(new StageDefinition("dev", Map.of(), false, detailed)), routes,
                    functions, "us-east-1", "123456789012", "ops", List.of(), Map.of(), Map.of(), alarms);
            return new OpsFixture(api, runtime, settings, usage, node);
        }
    }

    private record Node(String id, RedisEngine engine, boolean localAlarms) {}
}
