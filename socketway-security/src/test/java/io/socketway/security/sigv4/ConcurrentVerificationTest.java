package io.socketway.security.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.SdkHttpMethod;

/** One verifier serves many threads at once and gives each the answer it would give alone. */
@Timeout(30)
class ConcurrentVerificationTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-02-03T04:05:06Z");

    @Test
    void givesEveryThreadTheSameAnswers() throws Exception {
        SigV4Verifier verifier = Fixtures.verifierAt(SIGNED_AT);
        SignedRequest cli = SdkSigning.cliStyle(SdkHttpMethod.POST, "/dev/@connections/a%3D", "one", SIGNED_AT);
        SignedRequest sdk = SdkSigning.headerSigned(SdkHttpMethod.POST, "/dev/@connections/b%3D", "two", SIGNED_AT,
                "execute-api", Fixtures.REGION, Fixtures.SECRET);
        SignedRequest forged = Requests.withBody(sdk, "forged");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Verification>>> results = IntStream.range(0, 400).mapToObj(i -> threads.submit(() -> List.of(
                    verifier.verifyManagement(cli, "dev", "POST"),
                    verifier.verifyManagement(sdk, "dev", "POST"),
                    verifier.verifyManagement(forged, "dev", "POST")))).toList();

            for (Future<List<Verification>> result : results) {
                assertThat(result.get()).containsExactly(new Verification.Allowed(Fixtures.KEY),
                        new Verification.Allowed(Fixtures.KEY), Fixtures.denied(
                                "The provided 'x-amz-content-sha256' header does not match what was computed."));
            }
        }
    }
}
