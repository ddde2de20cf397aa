package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.KEY;
import static io.socketway.security.sigv4.Fixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** Requests signed by a real SDK v2 {@code ApiGatewayManagementApiClient} verify, whatever the operation. */
@Timeout(30)
class SdkClientSignatureTest {

    private CaptureServer server;
    private ApiGatewayManagementApiClient client;

    @BeforeEach
    void start() throws Exception {
        server = new CaptureServer();
        client = SdkClients.overHttp(server.endpoint("dev"), SdkClients.BASIC);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void acceptsPostToConnectionWithBodyAndEncodedId() throws Exception {
        client.postToConnection(r -> r.connectionId("TXzPWdnOjoECGjA=").data(SdkBytes.fromUtf8String("{\"hi\":1}")));
        SignedRequest request = server.take();

        assertThat(request.rawPath()).isEqualTo("/dev/@connections/TXzPWdnOjoECGjA%3D");
        assertThat(Requests.header(request, "Authorization")).contains("SignedHeaders=amz-sdk-invocation-id;"
                + "amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date,");
        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsGetConnection() throws Exception {
        client.getConnection(r -> r.connectionId("abc="));
        SignedRequest request = server.take();

        assertThat(request.method()).isEqualTo("GET");
        assertThat(verifierFor(request).verifyManagement(request, "dev", "GET"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsDeleteConnection() throws Exception {
        client.deleteConnection(r -> r.connectionId("abc="));
        SignedRequest request = server.take();

        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(verifierFor(request).verifyManagement(request, "dev", "DELETE"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsSignedSessionToken() throws Exception {
        try (ApiGatewayManagementApiClient session = SdkClients.overHttp(server.endpoint("dev"), SdkClients.SESSION)) {
            session.postToConnection(r -> r.connectionId("abc=").data(SdkBytes.fromUtf8String("x")));
        }
        SignedRequest request = server.take();

        assertThat(Requests.header(request, "Authorization")).contains(";x-amz-security-token,");
        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesDotSegmentIdThatTheSdkSignsNormalised() throws Exception {
        // The SDK sends /dev/@connections/.. but signs the normalised /dev/ (NORMALIZE_PATH=true): refused, since
        // that signature would also cover /dev/ itself.
        client.postToConnection(r -> r.connectionId("..").data(SdkBytes.fromUtf8String("x")));
        SignedRequest request = server.take();

        assertThat(request.rawPath()).isEqualTo("/dev/@connections/..");
        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST")).isEqualTo(Fixtures.denied(
                "Path: '/dev/@connections/..' (expected: no empty, '.' or '..' segments, which SigV4 normalisation"
                        + " would remove)"));
    }

    @Test
    void acceptsSignedRetryOfGoneConnection() throws Exception {
        assertThatThrownBy(() -> client.postToConnection(
                r -> r.connectionId("gone-1").data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
        SignedRequest request = server.take();

        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsRequestTheSdkSignsForHttps() throws Exception {
        SdkClients.RecordingHttpClient transport = new SdkClients.RecordingHttpClient();
        try (ApiGatewayManagementApiClient https = SdkClients.overRecordedHttps(transport)) {
            https.postToConnection(r -> r.connectionId("abc=").data(SdkBytes.fromUtf8String("over tls")));
        }
        SignedRequest request = transport.sent.poll(5, TimeUnit.SECONDS);

        // SDK 2.57 hashes the body over HTTPS too; older SDKs sent UNSIGNED-PAYLOAD (see UnsignedPayloadTest).
        assertThat(Requests.header(request, "x-amz-content-sha256")).isEqualTo(Hashing.sha256Hex(request.body()));
        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }
}
