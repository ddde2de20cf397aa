package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.core.Limits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/** The {@code @connections} API, driven by the official AWS SDK for Java v2 client and by raw HTTP. */
@Timeout(60)
class ManagementApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestRuntime runtime;
    private GatewayFixture gateway;
    private ApiGatewayManagementApiClient sdk;

    @BeforeEach
    void start() {
        runtime = new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("disconnect", e -> Map.of("statusCode", 200))
                .handler("whoami", e -> Map.of("body", e.at("/requestContext/connectionId").asText()));
        gateway = new GatewayFixture(TestApi.create()
                .route("$connect", "connect", false)
                .route("$disconnect", "disconnect", false)
                .route("whoami", "whoami", true), runtime, Limits.DEFAULT.withOutboundBufferBytes(256 * 1024));
        sdk = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(gateway.http()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
    }

    @AfterEach
    void stop() {
        sdk.close();
        gateway.close();
    }

    private String idOf(TestWebSocket client) throws Exception {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }

    @Test
    void sdkPostDeliversTheRawBodyAsOneTextMessage() throws Exception {
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("{\"hello\":\"world\"}")));
            assertThat(client.next(WAIT)).isEqualTo("{\"hello\":\"world\"}");
            String big = "x".repeat(100_000);
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String(big)));
            assertThat(client.next(WAIT)).isEqualTo(big);
        }
    }

    @Test
    void pushesToOneConnectionArriveInOrder() throws Exception {
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            for (int i = 0; i < 100; i++) {
                int n = i;
                sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String(Integer.toString(n))));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(client.next(WAIT)).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void sdkGetShowsConnectionDetails() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            GetConnectionResponse info = sdk.getConnection(r -> r.connectionId(id));
            assertThat(info.connectedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
            assertThat(info.lastActiveAt()).isAfterOrEqualTo(info.connectedAt());
            assertThat(info.identity().sourceIp()).isEqualTo("127.0.0.1");
            assertThat(info.identity().userAgent()).startsWith("Java-http-client");
        }
    }

    @Test
    void sdkDeleteClosesTheConnectionAndFiresDisconnect() throws Exception {
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            sdk.deleteConnection(r -> r.connectionId(id));
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
            await().atMost(WAIT).until(() -> runtime.events("DISCONNECT").size() == 1);
            assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(GoneException.class);
            assertThatThrownBy(() -> sdk.deleteConnection(r -> r.connectionId(id))).isInstanceOf(GoneException.class);
        }
    }

    @Test
    void unknownIdsAreGoneWithTheAwsErrorType() throws Exception {
        assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId("AAAAAAAAAAAAAAA=").data(
                SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> sdk.getConnection(r -> r.connectionId("no/such id")))
                .isInstanceOf(GoneException.class);
        HttpResponse<String> raw = post(gateway.http() + "/@connections/unknown", "x");
        assertThat(raw.statusCode()).isEqualTo(410);
        assertThat(raw.headers().firstValue("x-amzn-ErrorType")).contains("GoneException");
    }

    @Test
    void oversizedPostIsRefusedWith413AndTheClientKeepsWorking() throws Exception {
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            byte[] tooBig = new byte[128 * 1024 + 1];
            assertThatThrownBy(() -> sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromByteArray(tooBig))))
                    .isInstanceOf(PayloadTooLargeException.class);
            HttpResponse<String> huge = post(gateway.http() + "/@connections/" + id, "y".repeat(1_000_000));
            assertThat(huge.statusCode()).isEqualTo(413);
            sdk.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("still here")));
            assertThat(client.next(WAIT)).isEqualTo("still here");
        }
    }

    @Test
    void acceptsAtSignEncodedAndPercentEncodedIdsWithOrWithoutTrailingSlash() throws Exception {
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            String encoded = id.replace("=", "%3D");
            for (String path : new String[] {"/@connections/" + id, "/%40connections/" + encoded,
                    "/%40connections/" + id + "/", "/@connections/" + encoded}) {
                HttpResponse<String> r = post(gateway.http() + path, path);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(client.next(WAIT)).isEqualTo(path);
            }
        }
    }

    @Test
    void postWhileConnectIsPendingIsGone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> statusDuringConnect = new CompletableFuture<>();
        TestRuntime rt = new TestRuntime().handler("connect", e -> {
            String id = e.at("/requestContext/connectionId").asText();
            statusDuringConnect.complete(post("http://127.0.0.1:" + portOf() + "/dev/@connections/" + id, "early")
                    .statusCode());
            release.await(5, TimeUnit.SECONDS);
            return Map.of("statusCode", 200);
        });
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("$connect", "connect", false), rt)) {
            port = gw.server.port();
            CompletableFuture<TestWebSocket> connecting = CompletableFuture.supplyAsync(gw::connect);
            assertThat(statusDuringConnect.get(5, TimeUnit.SECONDS)).isEqualTo(410);
            release.countDown();
            connecting.get(5, TimeUnit.SECONDS).close();
        }
    }

    private volatile int port;

    private int portOf() {
        return port;
    }

    @Test
    void fullOutboundBufferGives429AndNothingIsSilentlyDropped() throws Exception {
        try (RawWebSocket slow = RawWebSocket.connect(gateway.server.port(), "/dev")) {
            await().atMost(WAIT).until(() -> !gateway.server.gateway().connections().isEmpty());
            String id = gateway.server.gateway().connections().iterator().next().id();
            SdkBytes chunk = SdkBytes.fromUtf8String("z".repeat(64 * 1024));
            int accepted = 0;
            boolean refused = false;
            for (int i = 0; i < 2000 && !refused; i++) {
                try {
                    sdk.postToConnection(r -> r.connectionId(id).data(chunk));
                    accepted++;
                } catch (LimitExceededException e) {
                    refused = true;
                }
            }
            assertThat(refused).as("a 429 once the client stops reading").isTrue();
            assertThat(accepted).isGreaterThan(0);
        }
    }

    @Test
    void listsLiveConnectionsPageByPage() throws Exception {
        Set<String> ids = new HashSet<>();
        TestWebSocket[] clients = new TestWebSocket[5];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = gateway.connect();
            ids.add(idOf(clients[i]));
        }
        Set<String> listed = new HashSet<>();
        String token = "";
        do {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.http() + "/@connections?limit=2"
                    + (token.isEmpty() ? "" : "&nextToken=" + token))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = TestRuntime.JSON.readTree(r.body());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(item -> {
                listed.add(item.get("connectionId").asText());
                assertThat(item.get("lastActiveAt").asText()).isGreaterThanOrEqualTo(item.get("connectedAt").asText());
            });
            token = page.has("nextToken") ? java.net.URLEncoder.encode(page.get("nextToken").asText(),
                    java.nio.charset.StandardCharsets.UTF_8) : "";
        } while (!token.isEmpty());
        assertThat(listed).isEqualTo(ids);
        for (TestWebSocket c : clients) {
            c.close();
        }
    }

    @Test
    void awsCliV2PostsGetsAndDeletes() throws Exception {
        java.nio.file.Path aws = java.nio.file.Path.of("/usr/bin/aws");
        assertThat(aws).as("the AWS CLI v2 (Debian package awscli; ./run-tests installs it)").isExecutable();
        try (TestWebSocket client = gateway.connect()) {
            String id = idOf(client);
            assertThat(awsCli("post-to-connection", "--connection-id=" + id, "--cli-binary-format",
                    "raw-in-base64-out", "--data", "{\"from\":\"cli\"}")).isEmpty();
            assertThat(client.next(WAIT)).isEqualTo("{\"from\":\"cli\"}");
            JsonNode info = TestRuntime.JSON.readTree(awsCli("get-connection", "--connection-id=" + id));
            assertThat(info.at("/Identity/SourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(info.get("ConnectedAt").asText()).isNotEmpty();
            awsCli("delete-connection", "--connection-id=" + id);
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
            assertThat(awsCliFailure("post-to-connection", "--connection-id=" + id, "--data", "eA=="))
                    .contains("GoneException");
        }
    }

    private String awsCli(String... args) throws Exception {
        Process p = awsProcess(args);
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("aws %s: %s", String.join(" ", args), err).isZero();
        return out.trim();
    }

    private String awsCliFailure(String... args) throws Exception {
        Process p = awsProcess(args);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        return err;
    }

    private Process awsProcess(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/aws",
                "apigatewaymanagementapi"));
        command.addAll(java.util.List.of(args));
        command.addAll(java.util.List.of("--endpoint-url", gateway.http(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDTEST");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_MAX_ATTEMPTS", "1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        return builder.start();
    }

    @Test
    void anEndpointWithoutTheStageIsForbiddenAsOnAws() throws Exception {
        String base = gateway.http().substring(0, gateway.http().length() - "/dev".length());
        try (ApiGatewayManagementApiClient noStage = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(base))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build()) {
            assertThatThrownBy(() -> noStage.postToConnection(r -> r.connectionId("TXzPWdnOjoECGjA=")
                    .data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException.class)
                    .hasMessageContaining("Forbidden");
        }
    }

    @Test
    void unknownStageIsForbidden() throws Exception {
        HttpResponse<String> r = post("http://127.0.0.1:" + gateway.server.port() + "/prod/@connections/x", "x");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains("ForbiddenException");
    }

    private static HttpResponse<String> post(String uri, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
