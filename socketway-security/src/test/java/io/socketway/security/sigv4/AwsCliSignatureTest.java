package io.socketway.security.sigv4;

import static io.socketway.security.sigv4.Fixtures.KEY;
import static io.socketway.security.sigv4.Fixtures.MISMATCH;
import static io.socketway.security.sigv4.Fixtures.denied;
import static io.socketway.security.sigv4.Fixtures.verifierFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Requests signed the AWS CLI's way verify: only {@code host;x-amz-date} signed, the body hashed into the canonical
 * request but sent without {@code x-amz-content-sha256}.
 */
@Timeout(60)
class AwsCliSignatureTest {

    private static final Path CLI = Path.of("/usr/bin/aws");

    /** Captured from aws-cli/2.9.19 (Debian) against a loopback server, with the fixture key. */
    private static SignedRequest capturedPost() {
        return new SignedRequest("POST", "/dev/@connections/abc%3D", "", List.of(
                Map.entry("Host", "127.0.0.1:18777"),
                Map.entry("Accept-Encoding", "identity"),
                Map.entry("User-Agent", "aws-cli/2.9.19 Python/3.11.2 Linux/6.18.44-fc-v782 source/x86_64.debian.12"
                        + " prompt/off command/apigatewaymanagementapi.post-to-connection"),
                Map.entry("X-Amz-Date", "20261128T174825Z"),
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/execute-api/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=358d7211dd46c68fb377feb564575f318a30c3af8b959d548fe25fa34a5ea9b9"),
                Map.entry("Content-Length", "17")), "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** Captured likewise: {@code delete-connection} with {@code AWS_SESSION_TOKEN} set. */
    private static SignedRequest capturedDeleteWithSessionToken() {
        return new SignedRequest("DELETE", "/dev/@connections/abc%3D", "", List.of(
                Map.entry("Host", "127.0.0.1:18777"),
                Map.entry("Accept-Encoding", "identity"),
                Map.entry("X-Amz-Date", "20261128T174829Z"),
                Map.entry("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE/token+="),
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/us-east-1/execute-api/"
                        + "aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
                        + "Signature=d49c9ecc98cd13a3962f8e4e81c0926384a55296b2013eb70638eaa687c7d320"),
                Map.entry("Content-Length", "0")), new byte[0]);
    }

    @Test
    void acceptsPostCapturedFromTheCli() {
        SignedRequest request = capturedPost();

        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsDeleteWithSessionTokenCapturedFromTheCli() {
        SignedRequest request = capturedDeleteWithSessionToken();

        assertThat(verifierFor(request).verifyManagement(request, "dev", "DELETE"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void refusesCliPostWhoseBodyWasChanged() {
        SignedRequest request = Requests.withBody(capturedPost(), "{\"hello\":\"attacker\"}");

        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST")).isEqualTo(denied(MISMATCH));
    }

    @Test
    void acceptsHostAndDateOnlySignatureFromTheSdkLegacySigner() {
        SignedRequest request = SdkSigning.cliStyle(SdkHttpMethod.POST, "/dev/@connections/abc%3D", "payload",
                Instant.parse("2026-03-04T05:06:07Z"));

        assertThat(Requests.header(request, "Authorization")).contains("SignedHeaders=host;x-amz-date,");
        assertThat(request.headerValues("Content-Type")).isEmpty();
        assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                .isEqualTo(new Verification.Allowed(KEY));
    }

    @Test
    void acceptsRequestFromTheInstalledCli() throws Exception {
        assumeTrue(Files.isExecutable(CLI), "no AWS CLI v2 at /usr/bin/aws");
        try (CaptureServer server = new CaptureServer()) {
            ProcessBuilder cli = new ProcessBuilder(CLI.toString(), "apigatewaymanagementapi", "post-to-connection",
                    "--endpoint-url", server.endpoint("dev").toString(), "--connection-id", "abc=",
                    "--cli-binary-format", "raw-in-base64-out", "--data", "{\"from\":\"cli\"}")
                    .redirectErrorStream(true);
            Map<String, String> env = cli.environment();
            env.put("AWS_ACCESS_KEY_ID", Fixtures.KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", Fixtures.SECRET);
            env.put("AWS_DEFAULT_REGION", Fixtures.REGION);
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            env.remove("AWS_PROFILE");
            env.remove("AWS_SESSION_TOKEN");
            Process process = cli.start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            assertThat(process.waitFor(45, TimeUnit.SECONDS)).isTrue();
            SignedRequest request = server.take();

            assertThat(Requests.header(request, "Authorization")).contains("SignedHeaders=host;x-amz-date,");
            assertThat(verifierFor(request).verifyManagement(request, "dev", "POST"))
                    .isEqualTo(new Verification.Allowed(KEY));
        }
    }
}
