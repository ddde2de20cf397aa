package io.socketway.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command as a user runs it. */
@Timeout(120)
class CommandLineTest {
    private static final Duration START = Duration.ofSeconds(30);
    /** Deploying the chat function (an AWS SDK client) takes much longer than 30 s on a machine shared by builds. */
    private static final Duration DEPLOY = Duration.ofSeconds(90);

    @Test
    void helpDocumentsEveryOption() throws Exception {
        try (SocketwayProcess top = SocketwayProcess.start("--help")) {
            assertThat(top.awaitExit(START)).isZero();
            assertThat(top.drainStdout()).contains("Usage: socketway", "run", "connections", "--version");
        }
        try (SocketwayProcess run = SocketwayProcess.start("run", "--help")) {
            assertThat(run.awaitExit(START)).isZero();
            assertThat(run.drainStdout()).contains("TEMPLATE", "--port", "--host", "--parameter-overrides",
                    "--idle-timeout", "--max-duration", "--max-message-bytes", "--max-frame-bytes",
                    "--max-url-length", "--binary-messages", "--outbound-buffer-bytes", "--drain-timeout",
                    "--region", "--account-id", "--stack-name", "--api", "--function-access-key-id");
        }
    }

    @Test
    void brokenTemplateNamesFileLineAndPropertyWithoutAStackTrace(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("broken.yaml");
        Files.writeString(template, """
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: broken
                      ProtocolType: WEBSOCKET
                      RouteSelectionExpression: $request.body.action
                  Integration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: http://127.0.0.1:9/fn
                      TimeoutInMillis: 40000
                """);
        try (SocketwayProcess p = SocketwayProcess.start("run", template.toString(), "--port", "0")) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            String err = p.stderr();
            assertThat(err).contains("broken.yaml", "TimeoutInMillis", "40000", "expected");
            assertThat(err).doesNotContain("\tat ", "Exception in thread");
        }
        try (SocketwayProcess p = SocketwayProcess.start("run", dir.resolve("missing.yaml").toString())) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            assertThat(p.stderr()).contains("missing.yaml").doesNotContain("\tat ");
        }
    }

    @Test
    void refusesToExposeAnUnauthenticatedManagementApi() throws Exception {
        try (SocketwayProcess p = SocketwayProcess.start("run", "examples/chat/template.yaml", "--host", "0.0.0.0",
                "--port", "0")) {
            assertThat(p.awaitExit(START)).isEqualTo(2);
            assertThat(p.stderr()).contains("--host: 0.0.0.0", "--access-key", "--insecure-management")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aHandlerThatCannotBeLoadedFailsTheCommandWithItsNameAndNoStackTrace(@TempDir Path dir) throws Exception {
        // The port is bound before functions deploy; a function that then fails must still end the command as before.
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, Files.readString(Path.of("..", "examples", "chat", "template.yaml"))
                .replace("io.socketway.examples.chat.ChatHandler::handleRequest",
                        "io.socketway.examples.chat.NoSuchHandler::handleRequest")
                .replace("CodeUri: target/chat-functions.jar", "CodeUri: " + Path.of("..", "examples", "chat",
                        "target", "chat-functions.jar").toAbsolutePath().normalize()));
        try (SocketwayProcess p = SocketwayProcess.start("run", template.toString(), "--port", "0")) {
            assertThat(p.awaitExit(DEPLOY)).isEqualTo(1);
            assertThat(p.stderr()).contains("socketway: could not start a function", "NoSuchHandler")
                    .doesNotContain("\tat ", "Exception in thread");
            assertThat(p.drainStdout()).doesNotContain("Press Ctrl-C to stop.");
        }
    }

    @Test
    void logsHowLongEachStartUpPhaseTookAtDebugLevel() throws Exception {
        try (SocketwayProcess p = SocketwayProcess.start(java.util.Map.of("SOCKETWAY_LOG_LEVEL", "debug"),
                "run", "examples/chat/template.yaml", "--port", "0")) {
            p.awaitBanner(DEPLOY);
            org.awaitility.Awaitility.await().atMost(START).until(() -> p.stderr().contains("Started in"));
            assertThat(p.stderr()).containsPattern("Started in \\d+ ms.*template \\d+.*gateway \\d+.*listen \\d+"
                    + ".*waiting for 1 function\\(s\\) \\d+");
        }
    }

    @Test
    void servesTheChatExampleAndDrainsOnSigterm() throws Exception {
        try (SocketwayProcess p = SocketwayProcess.start("run", "examples/chat/template.yaml", "--port", "0")) {
            String banner = p.awaitBanner(START);
            String url = SocketwayProcess.webSocketUrl(banner);
            assertThat(url).matches("ws://127\\.0\\.0\\.1:\\d+/dev");
            assertThat(banner).contains("Console:        http://127.0.0.1:", "/_socketway/console", "/_socketway/metrics");
            assertThat(banner).contains("Management URL: http://127.0.0.1:", "/dev/@connections", "ChatFunction",
                    "$connect", "Ignored");
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closeCode.complete(statusCode);
                            return null;
                        }
                    }).join();
            p.terminate();
            assertThat(closeCode.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(p.awaitExit(START)).isZero();
            assertThat(p.stderr()).doesNotContain("SLF4J(W)"); // the example's function brings its own provider
            ws.abort();
        }
    }

    @Test
    void writesTheAccessLogOfAStageToARotatingFileAndJsonApplicationLogs(@TempDir Path dir) throws Exception {
        Path template = dir.resolve("logged.yaml");
        Files.writeString(template, """
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: logged
                      ProtocolType: WEBSOCKET
                      RouteSelectionExpression: $request.body.action
                  Mock:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: MOCK
                      RequestTemplates:
                        $default: '{"statusCode": 200}'
                  Route:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $default
                      Target: !Sub integrations/${Mock}
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: !Ref Api
                      StageName: dev
                      AccessLogSettings:
                        DestinationArn: !Sub arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:logged
                        Format: '{"requestId":"$context.requestId","eventType":"$context.eventType","routeKey":"$context.routeKey","status":"$context.status"}'
                """);
        Path accessLog = dir.resolve("access.log");
        try (SocketwayProcess p = SocketwayProcess.start("run", template.toString(), "--port", "0",
                "--access-log", accessLog.toString(), "--access-log-max-bytes", "1MB", "--log-format", "json")) {
            String url = SocketwayProcess.webSocketUrl(p.awaitBanner(START));
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closeCode.complete(statusCode);
                            return null;
                        }
                    }).join();
            ws.sendText("{\"action\":\"anything\"}", true).join();
            // the message must reach the gateway before SIGTERM closes the connection: its log line says it did
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    Files.exists(accessLog) && Files.readString(accessLog).contains("\"MESSAGE\""));
            p.terminate();
            assertThat(closeCode.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(p.awaitExit(START)).isZero();
            ws.abort();

            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.List<String> lines = Files.readAllLines(accessLog);
            assertThat(lines).hasSize(3);
            assertThat(lines).extracting(l -> json.readTree(l).get("eventType").asText())
                    .containsExactly("CONNECT", "MESSAGE", "DISCONNECT");
            assertThat(lines).extracting(l -> json.readTree(l).get("routeKey").asText())
                    .containsExactly("$connect", "$default", "$disconnect");
            assertThat(lines).allSatisfy(l -> assertThat(json.readTree(l).get("status").asText()).isEqualTo("200"));
            java.util.List<String> appLog = p.stderr().lines().filter(l -> l.startsWith("{")).toList();
            assertThat(appLog).isNotEmpty().allSatisfy(l -> assertThat(json.readTree(l).has("level")).isTrue());
            assertThat(appLog).anySatisfy(l -> assertThat(json.readTree(l).get("formattedMessage").asText())
                    .startsWith("Access logs go to " + accessLog));
        }
    }
}
