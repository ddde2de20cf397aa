package io.socketway.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-built canonical request reproduces the published AWS SigV4 test suite ({@code get-vanilla},
 * {@code post-vanilla}: service {@code service}, 2015-08-30), an oracle independent of the SDK.
 */
class AwsTestSuiteVectorTest {

    private static final CredentialScope SCOPE =
            new CredentialScope("AKIDEXAMPLE", "20150830", "us-east-1", "service", "aws4_request");
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static String sign(String method) {
        SigningInput input = new SigningInput(method, "/", List.of(), List.of("host", "x-amz-date"),
                Map.of("host", List.of("example.amazonaws.com"), "x-amz-date", List.of("20150830T123600Z")),
                new byte[0], "20150830T123600Z", SCOPE, Fixtures.KEY, null);
        return new CanonicalSignatureCalculator().headerSignature(input, EMPTY_SHA256);
    }

    @Test
    void signsGetVanilla() {
        assertThat(sign("GET")).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void signsPostVanilla() {
        assertThat(sign("POST")).isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }
}
