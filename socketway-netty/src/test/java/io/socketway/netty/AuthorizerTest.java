package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** REQUEST authorizers on {@code $connect} (spec §2.2 and §5.2) and the origin allow-list, on real sockets. */
@Timeout(60)
class AuthorizerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Map<String, Object> policy(String effect, String resource) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Action", "execute-api:Invoke", "Effect", effect, "Resource", resource)));
    }

    /** An authorizer whose answer depends on the {@code Auth} header. */
    private static TestRuntime runtime() {
        return new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("echo", e -> Map.of("body", e.at("/requestContext/authorizer").toString()))
                .handler("auth", e -> switch (e.at("/headers/Auth").asText()) {
                    case "allow" -> Map.of("principalId", "user-1", "policyDocument",
                            policy("Allow", e.get("methodArn").asText()),
                            "context", Map.of("tier", "gold", "level", 3, "admin", false));
                    case "wildcard" -> Map.of("principalId", "user-2",
                            "policyDocument", policy("Allow", "arn:aws:execute-api:*:*:*/dev/*"));
                    case "other-stage" -> Map.of("principalId", "user-3",
                            "policyDocument", policy("Allow", "arn:aws:execute-api:*:*:*/prod/*"));
                    case "deny" -> Map.of("principalId", "user-4", "policyDocument", policy("Deny", "*"));
                    case "anonymous" -> Map.of("policyDocument", policy("Allow", "*"));
                    case "unauthorized" -> throw new IllegalStateException("Unauthorized");
                    case "huge" -> Map.of("principalId", "user-5", "policyDocument", policy("Allow", "*"),
                            "context", Map.of("blob", "x".repeat(9000)));
                    case "nested" -> Map.of("principalId", "user-6", "policyDocument", policy("Allow", "*"),
                            "context", Map.of("obj", Map.of("a", 1)));
                    default -> throw new IllegalStateException("authorizer crashed");
                });
    }

    private static GatewayFixture gateway(TestRuntime rt) {
        return new GatewayFixture(TestApi.create().requestAuthorizer("auth", "route.request.header.Auth")
                .route("echo", "echo", true), rt);
    }

    @Test
    void allowedConnectionsCarryTheAuthorizerContextInEveryEvent() throws Exception {
        TestRuntime rt = runtime();
        try (GatewayFixture gw = gateway(rt); TestWebSocket client = TestWebSocket.connect(gw.ws(), "Auth", "allow")) {
            client.send("{\"action\":\"echo\"}");
            JsonNode authorizer = TestRuntime.JSON.readTree(client.next(WAIT));
            assertThat(authorizer.get("principalId").asText()).isEqualTo("user-1");
            assertThat(authorizer.get("tier").asText()).isEqualTo("gold");
            assertThat(authorizer.get("level").asInt()).isEqualTo(3);
            assertThat(authorizer.get("admin").asBoolean()).isFalse();
            assertThat(authorizer.get("integrationLatency").isNumber()).isTrue();
            JsonNode input = rt.events().get(0);
            assertThat(input.get("type").asText()).isEqualTo("REQUEST");
            assertThat(input.get("methodArn").asText())
                    .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:abcde12345/dev/$connect");
            assertThat(input.at("/requestContext/eventType").asText()).isEqualTo("CONNECT");
            assertThat(rt.events("CONNECT").get(1).at("/requestContext/authorizer/principalId").asText())
                    .isEqualTo("user-1");
        }
    }

    @Test
    void answersTheAwsStatusForEveryOutcome() throws Exception {
        TestRuntime rt = runtime();
        try (GatewayFixture gw = gateway(rt)) {
            TestWebSocket.connect(gw.ws(), "Auth", "wildcard").close();
            assertThat(status(gw, "other-stage")).isEqualTo(403);
            assertThat(status(gw, "deny")).isEqualTo(403);
            assertThat(status(gw, "anonymous")).isEqualTo(403);
            assertThat(status(gw, "unauthorized")).isEqualTo(401);
            assertThat(status(gw, "crash")).isEqualTo(500);
            assertThat(status(gw, "huge")).isEqualTo(500);
            assertThat(status(gw, "nested")).isEqualTo(500);
            assertThat(rt.events("CONNECT")).filteredOn(e -> !e.has("type")).as("$connect ran only when allowed")
                    .hasSize(1);
        }
    }

    @Test
    void missingIdentitySourceIs401WithoutCallingTheAuthorizer() {
        TestRuntime rt = runtime();
        try (GatewayFixture gw = gateway(rt)) {
            assertThat(TestWebSocket.refusedStatus(gw.ws())).isEqualTo(401);
            assertThat(rt.events()).isEmpty();
        }
    }

    @Test
    void refusedConnectionsGetNoDisconnect() {
        TestRuntime rt = runtime().handler("disconnect", e -> Map.of());
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().requestAuthorizer("auth", "route.request.header.Auth")
                .route("$disconnect", "disconnect", false), rt)) {
            assertThat(status(gw, "deny")).isEqualTo(403);
        }
        assertThat(rt.events("DISCONNECT")).isEmpty();
    }

    @Test
    void authorizerFunctionsServedOverHttpAnswerTheSameWay() throws Exception {
        com.sun.net.httpserver.HttpServer auth = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        auth.createContext("/authorize", exchange -> {
            JsonNode input = TestRuntime.JSON.readTree(exchange.getRequestBody());
            String verdict = input.at("/headers/Auth").asText();
            int status = verdict.equals("unauthorized") ? 401 : 200;
            byte[] body = TestRuntime.JSON.writeValueAsBytes(verdict.equals("allow")
                    ? Map.of("principalId", "http-user", "policyDocument", policy("Allow", input.get("methodArn")
                            .asText()))
                    : Map.of("principalId", "http-user", "policyDocument", policy("Deny", "*")));
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        auth.start();
        String uri = "http://127.0.0.1:" + auth.getAddress().getPort() + "/authorize";
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                .httpRequestAuthorizer(uri, "route.request.header.Auth").route("echo", "echo", true), runtime())) {
            try (TestWebSocket client = TestWebSocket.connect(gw.ws(), "Auth", "allow")) {
                client.send("{\"action\":\"echo\"}");
                assertThat(TestRuntime.JSON.readTree(client.next(WAIT)).get("principalId").asText())
                        .isEqualTo("http-user");
            }
            assertThat(status(gw, "deny")).isEqualTo(403);
            assertThat(status(gw, "unauthorized")).isEqualTo(401);
        } finally {
            auth.stop(0);
        }
    }

    @Test
    void foreignBrowserOriginsAreRefused() throws Exception {
        TestRuntime rt = new TestRuntime().handler("echo", e -> Map.of("body", "ok"));
        GatewaySettings settings = GatewaySettings.defaults().withPort(0)
                .withAllowedOrigins(Map.of("dev", Set.of("https://app.example.com")));
        try (GatewayServer server = GatewayServer.start(Gateway.builder(TestApi.create().route("echo", "echo", true)
                .build()).settings(settings).functionRuntime(rt).build())) {
            String ws = "ws://127.0.0.1:" + server.port() + "/dev";
            assertThat(TestWebSocket.refusedStatus(ws, "Origin", "https://evil.example.com")).isEqualTo(403);
            TestWebSocket.connect(ws, "Origin", "https://app.example.com").close();
            try (TestWebSocket noOrigin = TestWebSocket.connect(ws)) {
                noOrigin.send("{\"action\":\"echo\"}");
                assertThat(noOrigin.next(WAIT)).isEqualTo("ok");
            }
        }
    }

    private static int status(GatewayFixture gw, String auth) {
        return TestWebSocket.refusedStatus(gw.ws(), "Auth", auth);
    }
}
