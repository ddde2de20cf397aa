package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.SecuritySettings;
import io.socketway.security.sigv4.AccessKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The console's files and its config.json: headers, contents and who may read what. */
@Timeout(60)
class ConsoleEndpointTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AccessKey ADMIN = AccessKey.of("AKIDADMIN", "admin-secret");
    private static final AccessKey DEV_ONLY = new AccessKey("AKIDDEV", "dev-secret", Set.of("dev"), Set.of());

    private GatewayServer server;

    private void start(SecuritySettings security) {
        server = GatewayServer.start(Gateway.builder(TestApi.create().route("echo", "echo", true).build())
                .settings(GatewaySettings.defaults().withPort(0).withSecurity(security))
                .functionRuntime(new TestRuntime().handler("echo", e -> Map.of("body", "ok"))).build());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesThePageWithAStrictContentSecurityPolicy() throws Exception {
        start(SecuritySettings.DEFAULT);
        HttpResponse<String> page = get("/_socketway/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<meta name=\"socketway-region\" content=\"us-east-1\">");
        assertThat(get("/_socketway/console/").body()).isEqualTo(page.body());

        for (String file : List.of("console.js", "sigv4.js", "charts.js")) {
            HttpResponse<String> script = get("/_socketway/console/" + file);
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        }
        assertThat(get("/_socketway/console/console.css").headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(get("/_socketway/console/secrets.txt").statusCode()).isEqualTo(404);
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/_socketway/console"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
    }

    @Test
    void configNamesTheStagesAndPathsAndNoSecret() throws Exception {
        start(SecuritySettings.DEFAULT);
        HttpResponse<String> config = get("/_socketway/console/config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body())
                .contains("\"stages\":[\"dev\"]", "\"region\":\"us-east-1\"", "\"usage\":\"/_socketway/usage\"")
                .contains("\"metrics\":null", "\"alarms\":null"); // this node serves no status pages
    }

    @Test
    void withAccessKeysThePageIsPublicButConfigNeedsAKeyForEveryStage() throws Exception {
        start(SecuritySettings.DEFAULT.withAccessKeys(List.of(ADMIN, DEV_ONLY)));
        assertThat(get("/_socketway/console").statusCode()).isEqualTo(200);

        HttpResponse<String> unsigned = get("/_socketway/console/config.json");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("Missing Authentication Token");

        assertThat(signedGet("/_socketway/console/config.json", ADMIN).statusCode()).isEqualTo(200);
        assertThat(signedGet("/_socketway/console/config.json", DEV_ONLY).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedGet(String path, AccessKey key) throws Exception {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri(path)).build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
