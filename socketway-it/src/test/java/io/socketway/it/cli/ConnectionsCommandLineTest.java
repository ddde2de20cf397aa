package io.socketway.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.SecuritySettings;
import io.socketway.functions.JavaFunctionRuntime;
import io.socketway.netty.GatewayServer;
import io.socketway.security.sigv4.AccessKey;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The packaged {@code socketway connections} against the chat example behind a gateway with an access key: the key
 * comes from {@code SOCKETWAY_ACCESS_KEY}, so the shaded jar must carry the SDK signer and sign as the gateway expects.
 */
@Timeout(120)
class ConnectionsCommandLineTest {
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final Map<String, String> KEY = Map.of("SOCKETWAY_ACCESS_KEY", "AKIDOPERATOR:operator-secret");

    @Test
    void listsSendsToAndClosesAChatConnectionWithASignedKeyFromTheEnvironment() throws Exception {
        try (GatewayServer server = GatewayServer.start(Gateway.builder(
                        TemplateLoader.load(Path.of("../examples/chat/template.yaml"), TemplateOptions.defaults()))
                .settings(GatewaySettings.defaults().withPort(0).withSecurity(SecuritySettings.DEFAULT
                        .withAccessKeys(List.of(new AccessKey("AKIDOPERATOR", "operator-secret", Set.of(), Set.of())))))
                .functionRuntime(new JavaFunctionRuntime())
                .build())) {
            String endpoint = server.endpoint().httpBase() + "/dev";
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(server.endpoint().webSocketBase() + "/dev"), listener(received, closed))
                    .get(10, TimeUnit.SECONDS);

            JsonNode listing = new ObjectMapper().readTree(
                    succeed("connections", "list", "--endpoint", endpoint, "--output", "json"));
            assertThat(listing.get("items")).hasSize(1);
            String id = listing.at("/items/0/connectionId").asText();

            assertThat(succeed("connections", "send", id, "--data", "{\"from\":\"ops\"}", "--endpoint", endpoint))
                    .contains("Sent 14 bytes to " + id);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"from\":\"ops\"}");

            succeed("connections", "close", id, "--endpoint", endpoint);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

            try (SocketwayProcess gone = SocketwayProcess.start(KEY, "connections", "get", id, "--endpoint", endpoint)) {
                assertThat(gone.awaitExit(EXIT)).isEqualTo(3);
                assertThat(gone.stderr()).contains("connection " + id + " is gone").doesNotContain("\tat ");
            }
            ws.abort();
        }
    }

    private static String succeed(String... args) throws Exception {
        try (SocketwayProcess p = SocketwayProcess.start(KEY, args)) {
            int exit = p.awaitExit(EXIT);
            assertThat(exit).as("exit of %s; stderr: %s", List.of(args), p.stderr()).isZero();
            return p.drainStdout();
        }
    }

    private static WebSocket.Listener listener(BlockingQueue<String> received, CompletableFuture<Integer> closed) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        };
    }
}
