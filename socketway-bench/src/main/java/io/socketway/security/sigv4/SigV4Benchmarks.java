package io.socketway.security.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * JMH micro-benchmark of {@link SigV4Verifier#verifyManagement}: one {@code POST @connections/{id}} signed by the AWS
 * SDK's own signer (64-byte body), verified against one key at the signing instant. Run with
 * {@code scripts/bench jmh SigV4Benchmarks}. JMH owns the threading; the verifier is thread-safe.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class SigV4Benchmarks {
    private static final String KEY_ID = "AKIDBENCHMARK";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");

    private SigV4Verifier verifier;
    private SignedRequest request;

    /** Signs the request once. */
    @Setup
    public void setup() {
        verifier = new SigV4Verifier(List.of(AccessKey.of(KEY_ID, SECRET)), "us-east-1",
                Clock.fixed(AT, ZoneOffset.UTC), Duration.ofMinutes(5));
        byte[] body = "{\"t\":\"0000000012345678901\",\"p\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}"
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest unsigned = SdkHttpRequest.builder().protocol("https").host("gateway.example.com")
                .method(SdkHttpMethod.POST).encodedPath("/bench/@connections/TXzPWdnOjoECGjA%3D").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(b -> b
                .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                .request(unsigned)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(AT, ZoneOffset.UTC))).request();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        signed.forEachHeader((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
        request = new SignedRequest("POST", signed.encodedPath(), "", headers, body);
        if (!(verifier.verifyManagement(request, "bench", "POST") instanceof Verification.Allowed)) {
            throw new IllegalStateException("the benchmark request does not verify: "
                    + verifier.verifyManagement(request, "bench", "POST"));
        }
    }

    /** Verifies the signed POST. */
    @Benchmark
    public Verification verifyPost() {
        return verifier.verifyManagement(request, "bench", "POST");
    }
}
