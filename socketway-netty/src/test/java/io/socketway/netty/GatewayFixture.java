package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.Limits;
import java.time.Duration;

/** Starts a real gateway on a free port with a test API and runtime; closes (drains) it afterwards. */
final class GatewayFixture implements AutoCloseable {
    final TestRuntime runtime;
    final GatewayServer server;

    GatewayFixture(TestApi api, TestRuntime runtime, Limits limits) {
        this(api, runtime, s -> s.withLimits(limits));
    }

    GatewayFixture(TestApi api, TestRuntime runtime, java.util.function.UnaryOperator<GatewaySettings> tweak) {
        this.runtime = runtime;
        GatewaySettings settings = tweak.apply(GatewaySettings.defaults().withPort(0)
                .withDrainTimeout(Duration.ofSeconds(5)));
        this.server = GatewayServer.start(
                Gateway.builder(api.build()).settings(settings).functionRuntime(runtime).build());
    }

    GatewayFixture(TestApi api, TestRuntime runtime) {
        this(api, runtime, Limits.DEFAULT);
    }

    String ws() {
        return "ws://127.0.0.1:" + server.port() + "/dev";
    }

    String http() {
        return "http://127.0.0.1:" + server.port() + "/dev";
    }

    TestWebSocket connect() {
        return TestWebSocket.connect(ws());
    }

    @Override
    public void close() {
        server.close();
    }
}
