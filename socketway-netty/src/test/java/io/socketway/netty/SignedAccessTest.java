package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.SecuritySettings;
import io.socketway.security.sigv4.AccessKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;

/** SigV4 on {@code @connections} and {@code AWS_IAM} connect URLs, with the AWS SDK signing for real. */
@Timeout(60)
class SignedAccessTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AccessKey ADMIN = AccessKey.of("AKIDADMIN", "admin-secret");
    private static final AccessKey PROD_ONLY = new AccessKey("AKIDPROD", "prod-secret", Set.of("prod"), Set.of());
    private static final AccessKey POST_ONLY = new AccessKey("AKIDPOST", "post-secret", Set.of(), Set.of("POST"));

    private GatewayServer server;

    private GatewayServer start(TestApi api, SecuritySettings security) {
        TestRuntime rt = new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("whoami", e -> Map.of("body", e.at("/requestContext/connectionId").asText()
                        + " " + e.at("/requestContext/identity/accessKey").asText("")));
        server = GatewayServer.start(Gateway.builder(api.route("whoami", "whoami", true).build())
                .settings(GatewaySettings.defaults().withPort(0).withSecurity(security)).functionRuntime(rt).build());
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ApiGatewayManagementApiClient sdk(String id, String secret) {
        return sdk(id, secret, "dev");
    }

    private ApiGatewayManagementApiClient sdk(String id, String secret, String stage) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port() + "/" + stage))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)))
                .overrideConfiguration(o -> o.retryStrategy(
                        software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    private String connectionId(TestWebSocket client) throws Exception {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT).split(" ")[0];
    }

    @Test
    void signedCallsWithAConfiguredKeyPassAndEverythingElseIsForbidden() throws Exception {
        start(TestApi.create(), SecuritySettings.DEFAULT.withAccessKeys(List.of(ADMIN, PROD_ONLY, POST_ONLY)));
        try (TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev");
                ApiGatewayManagementApiClient admin = sdk("AKIDADMIN", "admin-secret");
                ApiGatewayManagementApiClient wrongSecret = sdk("AKIDADMIN", "not-the-secret");
                ApiGatewayManagementApiClient unknown = sdk("AKIDNOBODY", "x");
                ApiGatewayManagementApiClient prodOnly = sdk("AKIDPROD", "prod-secret");
                ApiGatewayManagementApiClient postOnly = sdk("AKIDPOST", "post-secret")) {
            String id = connectionId(client);
            admin.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("signed")));
            assertThat(client.next(WAIT)).isEqualTo("signed");
            postOnly.postToConnection(r -> r.connectionId(id).data(SdkBytes.fromUtf8String("post-only")));
            assertThat(client.next(WAIT)).isEqualTo("post-only");
            assertThatThrownBy(() -> wrongSecret.getConnection(r -> r.connectionId(id)))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("signature we calculated");
            assertThatThrownBy(() -> unknown.getConnection(r -> r.connectionId(id)))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("security token");
            assertThatThrownBy(() -> prodOnly.getConnection(r -> r.connectionId(id)))
                    .isInstanceOf(ForbiddenException.class).hasMessageContaining("not authorized");
            assertThatThrownBy(() -> postOnly.deleteConnection(r -> r.connectionId(id)))
                    .isInstanceOf(ForbiddenException.class);
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + server.port() + "/dev/@connections/" + id))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).contains("Missing Authentication Token");
            assertThat(client.quietFor(Duration.ofMillis(200))).isTrue();
        }
    }

    @Test
    void aKeyLimitedToOneStageCannotReachTheConnectionsOfAnother() throws Exception {
        start(TestApi.create().stage("prod"), SecuritySettings.DEFAULT.withAccessKeys(List.of(ADMIN, PROD_ONLY)));
        try (TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev");
                ApiGatewayManagementApiClient prodOnly = sdk("AKIDPROD", "prod-secret", "prod");
                ApiGatewayManagementApiClient admin = sdk("AKIDADMIN", "admin-secret")) {
            String devId = connectionId(client);
            assertThatThrownBy(() -> prodOnly.postToConnection(r -> r.connectionId(devId)
                    .data(SdkBytes.fromUtf8String("across stages")))).isInstanceOf(GoneException.class);
            assertThatThrownBy(() -> prodOnly.getConnection(r -> r.connectionId(devId)))
                    .isInstanceOf(GoneException.class);
            assertThatThrownBy(() -> prodOnly.deleteConnection(r -> r.connectionId(devId)))
                    .isInstanceOf(GoneException.class);

            admin.postToConnection(r -> r.connectionId(devId).data(SdkBytes.fromUtf8String("same stage")));
            assertThat(client.next(WAIT)).as("still open, and the push across stages never arrived")
                    .isEqualTo("same stage");
            assertThat(admin.getConnection(r -> r.connectionId(devId)).identity().sourceIp()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void awsCliSignsWithAConfiguredKey() throws Exception {
        start(TestApi.create(), SecuritySettings.DEFAULT.withAccessKeys(List.of(ADMIN)));
        try (TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev")) {
            String id = connectionId(client);
            assertThat(awsCli("admin-secret", "post-to-connection", "--connection-id=" + id, "--cli-binary-format",
                    "raw-in-base64-out", "--data", "via-cli").exitCode()).isZero();
            assertThat(client.next(WAIT)).isEqualTo("via-cli");
            CliResult forged = awsCli("wrong-secret", "get-connection", "--connection-id=" + id);
            assertThat(forged.exitCode()).isNotZero();
            assertThat(forged.stderr()).contains("ForbiddenException", "signature we calculated");
        }
    }

    private record CliResult(int exitCode, String stderr) {}

    private CliResult awsCli(String secret, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/aws", "apigatewaymanagementapi"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + server.port() + "/dev", "--region",
                "us-east-1"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDADMIN");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", secret);
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().put("AWS_MAX_ATTEMPTS", "1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process p = builder.start();
        p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new CliResult(p.waitFor(), err);
    }

    @Test
    void managementCallsOverTheRateGet429() throws Exception {
        start(TestApi.create(), SecuritySettings.DEFAULT.withAccessKeys(List.of(ADMIN))
                .withManagementRequestsPerSecond(2));
        try (TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev");
                ApiGatewayManagementApiClient admin = sdk("AKIDADMIN", "admin-secret")) {
            String id = connectionId(client);
            ApiGatewayManagementApiException limited = null;
            for (int i = 0; i < 20 && limited == null; i++) {
                try {
                    admin.getConnection(r -> r.connectionId(id));
                } catch (LimitExceededException e) {
                    limited = e;
                }
            }
            assertThat(limited).isNotNull();
            assertThat(limited.statusCode()).isEqualTo(429);
        }
    }

    @Test
    void awsIamConnectNeedsAPresignedUrl() throws Exception {
        start(TestApi.create().iamConnect(), SecuritySettings.DEFAULT.withAccessKeys(List.of(ADMIN)));
        String base = "ws://127.0.0.1:" + server.port() + "/dev";
        assertThat(TestWebSocket.refusedStatus(base)).isEqualTo(403);
        assertThat(TestWebSocket.refusedStatus(presign("AKIDADMIN", "wrong-secret"))).isEqualTo(403);
        try (TestWebSocket client = TestWebSocket.connect(presign("AKIDADMIN", "admin-secret"))) {
            client.send("{\"action\":\"whoami\"}");
            assertThat(client.next(WAIT)).endsWith(" AKIDADMIN");
        }
    }

    @Test
    void awsIamConnectWithoutKeysIsRefusedNamingTheRoute() {
        assertThatThrownBy(() -> start(TestApi.create().iamConnect(), SecuritySettings.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(".Properties.AuthorizationType: AWS_IAM (expected: access keys to verify"
                        + " presigned connect URLs, e.g. --access-key ID:SECRET)")
                .hasMessageContaining(": Resources.Route");
    }

    private String presign(String id, String secret) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:" + server.port() + "/dev"))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(id, secret))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
        return signed.request().getUri().toString().replaceFirst("^http", "ws");
    }
}
