package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionException;
import io.socketway.api.spi.FunctionRuntime;
import io.socketway.api.spi.GatewayObserver;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.testing.TestWebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Start-up order: {@link GatewayServer#listen} accepts connections while the functions still deploy; a handshake that
 * arrives meanwhile waits for its {@code $connect} function, readiness reports {@code "functions":false} until all are
 * deployed, and a function that cannot deploy still fails the start ({@link GatewayServer#awaitFunctions}).
 */
@Timeout(30)
class EarlyListenTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Deploys through a {@link TestRuntime} once {@link #release} is called, or fails then if told to. */
    private static final class GatedRuntime implements FunctionRuntime {
        final TestRuntime delegate;
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch deploying = new CountDownLatch(1);
        /** Counts down when a handshake has reached the gateway (and so waits for the functions). */
        final CountDownLatch handshakeArrived = new CountDownLatch(1);
        volatile boolean fail;

        GatedRuntime(TestRuntime delegate) {
            this.delegate = delegate;
        }

        void release() {
            released.countDown();
        }

        @Override
        public boolean supports(String runtime) {
            return delegate.supports(runtime);
        }

        @Override
        public DeployedFunction deploy(FunctionDefinition definition, Map<String, String> environment) {
            deploying.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new FunctionException("Deploy", "Resources.ConnectFunction: the constructor threw (test)");
            }
            return delegate.deploy(definition, environment);
        }
    }

    private static GatewayServer listen(GatedRuntime runtime) {
        return listen(runtime, TestApi.create());
    }

    private static GatewayServer listen(GatedRuntime runtime, TestApi base) {
        TestApi api = base.route("$connect", "connect", false).route("echo", "echo", true);
        return GatewayServer.listen(Gateway.builder(api.build())
                .settings(GatewaySettings.defaults().withPort(0).withDrainTimeout(Duration.ofSeconds(2)))
                .observer(new GatewayObserver() {
                    @Override
                    public void connectRequested(String stage) {
                        runtime.handshakeArrived.countDown();
                    }
                })
                .functionRuntime(runtime).build());
    }

    private static HttpResponse<String> ready(GatewayServer server) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_socketway/ready"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<RawWebSocket> handshake(GatewayServer server) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RawWebSocket.connect(server.port(), "/dev");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void acceptsWhileFunctionsDeployAndTheHandshakeWaitsForItsConnectFunction() throws Exception {
        TestRuntime functions = new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("echo", e -> Map.of("body", "echo:" + e.get("body").asText()));
        GatedRuntime gate = new GatedRuntime(functions);
        try (GatewayServer server = listen(gate)) {
            assertThat(gate.deploying.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("deploying").isTrue();
            CompletableFuture<RawWebSocket> early = handshake(server);
            assertThat(gate.handshakeArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("arrived").isTrue();

            HttpResponse<String> notYet = ready(server);
            assertThat(notYet.statusCode()).isEqualTo(503);
            assertThat(notYet.body()).contains("\"listening\":true", "\"functions\":false");
            assertThat(early).as("the handshake waits for its $connect function").isNotDone();
            assertThat(server.functions()).isNotDone();

            gate.release();
            early.get(WAIT.toSeconds(), TimeUnit.SECONDS).close();
            assertThat(functions.events("CONNECT")).hasSize(1);
            try (TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev")) {
                client.send("{\"action\":\"echo\"}");
                assertThat(client.next(WAIT)).isEqualTo("echo:{\"action\":\"echo\"}");
            }
            assertThat(server.awaitFunctions()).isSameAs(server);
            HttpResponse<String> now = ready(server);
            assertThat(now.statusCode()).isEqualTo(200);
            assertThat(now.body()).contains("\"functions\":true");
        }
    }

    @Test
    void aFunctionThatCannotDeployFailsTheStartAnswersWaitingHandshakesWith502AndUnbinds() throws Exception {
        GatedRuntime gate = new GatedRuntime(new TestRuntime().handler("connect", e -> Map.of("statusCode", 200))
                .handler("echo", e -> Map.of("body", "ok")));
        gate.fail = true;
        GatewayServer server = listen(gate);
        int port = server.port();
        assertThat(gate.deploying.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("deploying").isTrue();
        CompletableFuture<RawWebSocket> early = handshake(server);
        assertThat(gate.handshakeArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("arrived").isTrue();
        assertThat(ready(server).statusCode()).isEqualTo(503);

        gate.release();
        assertThatThrownBy(server::awaitFunctions).isInstanceOf(FunctionException.class)
                .hasMessageContaining("Resources.ConnectFunction: the constructor threw (test)");
        // refused: 502, or closed unanswered when the server's shutdown overtakes the reply
        assertThat(early).failsWithin(WAIT).withThrowableThat()
                .withMessageMatching("(?s).*( 502 |closed during handshake).*");
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("nothing stays bound")
                .isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void aHandshakeWaitsNoLongerThanItsConnectIntegrationTimeout() throws Exception {
        GatedRuntime gate = new GatedRuntime(new TestRuntime().handler("connect", e -> Map.of("statusCode", 200))
                .handler("echo", e -> Map.of("body", "ok")));
        try (GatewayServer server = listen(gate, TestApi.create().integrationTimeout(Duration.ofMillis(300)))) {
            assertThat(gate.deploying.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("deploying").isTrue();

            assertThat(handshake(server)).failsWithin(WAIT).withThrowableThat().withMessageContaining(" 502 ");

            gate.release();
            server.awaitFunctions();
            assertThat(ready(server).statusCode()).isEqualTo(200);
        }
    }
}
