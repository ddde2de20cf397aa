package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.socketway.core.FunctionHttpClient;
import io.socketway.core.FunctionHttpException;
import io.socketway.core.FunctionHttpSettings;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pooled Netty client for functions over HTTP, against real backends on loopback. */
@Timeout(60)
class NettyFunctionHttpClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private TestHttpBackend backend() {
        TestHttpBackend backend = new TestHttpBackend();
        closing.add(backend);
        return backend;
    }

    private NettyFunctionHttpClient client(FunctionHttpSettings settings) {
        NettyFunctionHttpClient client = NettyFunctionHttpClient.create(group, settings);
        closing.add(client);
        return client;
    }

    private static FunctionHttpClient.Request post(String url, String body, Duration timeout) {
        return new FunctionHttpClient.Request("POST", URI.create(url), Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), timeout);
    }

    private static FunctionHttpClient.Request post(String url, String body) {
        return post(url, body, WAIT);
    }

    private static String call(FunctionHttpClient client, FunctionHttpClient.Request request) throws Exception {
        return new String(client.send(request).toCompletableFuture().get(20, TimeUnit.SECONDS).body(),
                StandardCharsets.UTF_8);
    }

    private static FunctionHttpException failure(FunctionHttpClient client, FunctionHttpClient.Request request) {
        try {
            client.send(request).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FunctionHttpException.class);
            return (FunctionHttpException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the request to fail");
    }

    @Test
    void sequentialCallsReuseOneKeptAliveConnection() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        for (int i = 0; i < 20; i++) {
            assertThat(call(client, post(backend.url("/echo"), "call " + i))).isEqualTo("call " + i);
        }
        assertThat(backend.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void concurrentCallsAreBoundedByThePoolSizeAndWaitForAFreeConnection() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT.withMaxConnectionsPerOrigin(2));
        List<CompletableFuture<FunctionHttpClient.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(client.send(post(backend.url("/hold"), "x")).toCompletableFuture());
        }
        await().atMost(WAIT).until(() -> backend.heldNow() == 2);
        while (!calls.stream().allMatch(CompletableFuture::isDone)) {
            await().atMost(WAIT).until(() -> backend.heldNow() > 0 || calls.stream().allMatch(CompletableFuture::isDone));
            backend.releaseHeld();
        }
        for (CompletableFuture<FunctionHttpClient.Response> c : calls) {
            assertThat(c.get().status()).isEqualTo(200);
        }
        assertThat(backend.maxHeld()).isEqualTo(2);
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void tooManyWaitingCallsFailAtOnceWithAClearError() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT.withMaxConnectionsPerOrigin(1)
                .withMaxPendingRequests(1));
        CompletableFuture<?> first = client.send(post(backend.url("/hold"), "1")).toCompletableFuture();
        await().atMost(WAIT).until(() -> backend.heldNow() == 1);
        CompletableFuture<?> second = client.send(post(backend.url("/hold"), "2")).toCompletableFuture();
        FunctionHttpException third = failure(client, post(backend.url("/hold"), "3"));
        assertThat(third.kind()).isEqualTo(FunctionHttpException.Kind.OVERLOADED);
        assertThat(third.getMessage()).contains("1 requests already wait for a connection to http://127.0.0.1:");
        backend.releaseHeld();
        await().atMost(WAIT).until(() -> backend.heldNow() == 1 || second.isDone());
        backend.releaseHeld();
        assertThat(first).succeedsWithin(WAIT);
        assertThat(second).succeedsWithin(WAIT);
    }

    @Test
    void aConnectionTheServerClosedIsReplacedForTheNextCall() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        assertThat(call(client, post(backend.url("/echo"), "before"))).isEqualTo("before");
        backend.closeConnections();
        await().atMost(WAIT).until(() -> client.openConnections() == 0);
        assertThat(call(client, post(backend.url("/echo"), "after"))).isEqualTo("after");
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aResponseWithConnectionCloseIsNotReused() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        assertThat(call(client, post(backend.url("/close"), ""))).isEqualTo("bye");
        assertThat(call(client, post(backend.url("/echo"), "next"))).isEqualTo("next");
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT.withIdleTimeout(Duration.ofMillis(200)));
        assertThat(call(client, post(backend.url("/echo"), "a"))).isEqualTo("a");
        await().atMost(WAIT).until(() -> client.openConnections() == 0);
        assertThat(call(client, post(backend.url("/echo"), "b"))).isEqualTo("b");
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aSilentBackendTimesOutAndItsConnectionIsNotReused() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        FunctionHttpException e = failure(client, post(backend.url("/silent"), "x", Duration.ofMillis(300)));
        assertThat(e.kind()).isEqualTo(FunctionHttpException.Kind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo(backend.url("/silent") + ": timed out after 300 ms");
        assertThat(call(client, post(backend.url("/echo"), "again"))).isEqualTo("again");
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionIsReportedAsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        String url = "http://127.0.0.1:" + port + "/none";
        FunctionHttpException e = failure(client, post(url, "x"));
        assertThat(e.kind()).isEqualTo(FunctionHttpException.Kind.REFUSED);
        assertThat(e.getMessage()).isEqualTo(url + ": connection refused");
    }

    @Test
    void anOversizedResponseFailsWithTheLimitInTheMessage() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT.withMaxResponseBytes(1024));
        FunctionHttpException e = failure(client, post(backend.url("/big"), ""));
        assertThat(e.kind()).isEqualTo(FunctionHttpException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo(backend.url("/big")
                + ": response body over 1024 bytes (expected: at most --function-http-max-response-bytes)");
        assertThat(call(client, post(backend.url("/echo"), "fine"))).isEqualTo("fine");
    }

    @Test
    void httpsUsesTlsWithTheTrustedAuthorityAndVerifiesTheHostName(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.issue(dir);
        LocalCertificates.Issued issued = certificates.issued();
        TestHttpBackend backend = new TestHttpBackend(SslContextBuilder
                .forServer(issued.certificateFile().toFile(), issued.keyFile().toFile()).build());
        closing.add(backend);
        NettyFunctionHttpClient trusting = new NettyFunctionHttpClient(group, FunctionHttpSettings.DEFAULT,
                SslContextBuilder.forClient().trustManager(issued.authorityFile().toFile()).build());
        closing.add(trusting);
        String url = "https://localhost:" + backend.port() + "/echo";
        assertThat(call(trusting, post(url, "secret"))).isEqualTo("secret");
        assertThat(call(trusting, post(url, "again"))).isEqualTo("again");
        assertThat(backend.connectionsAccepted()).isEqualTo(1);

        FunctionHttpException untrusted = failure(client(FunctionHttpSettings.DEFAULT), post(url, "x"));
        assertThat(untrusted.kind()).isEqualTo(FunctionHttpException.Kind.BROKEN);
        assertThat(untrusted.getMessage()).startsWith(url + ": ").contains("TLS handshake failed");
    }

    @Test
    void anIdempotentRequestIsSentAgainOnANewConnectionWhenAReusedOneClosesWithoutAnswer() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        assertThat(call(client, post(backend.url("/echo"), "first"))).isEqualTo("first");
        FunctionHttpClient.Request put = new FunctionHttpClient.Request("PUT", URI.create(backend.url("/drop-once")),
                Map.of(), "put".getBytes(StandardCharsets.UTF_8), WAIT);
        assertThat(call(client, put)).isEqualTo("ok");
        assertThat(backend.methods).containsExactly("POST", "PUT", "PUT");
        assertThat(backend.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void aPostIsNeverSentTwice() throws Exception {
        TestHttpBackend backend = backend();
        NettyFunctionHttpClient client = client(FunctionHttpSettings.DEFAULT);
        assertThat(call(client, post(backend.url("/echo"), "first"))).isEqualTo("first");
        FunctionHttpException e = failure(client, post(backend.url("/drop-once"), "event"));
        assertThat(e.kind()).isEqualTo(FunctionHttpException.Kind.BROKEN);
        assertThat(e.getMessage()).isEqualTo(backend.url("/drop-once") + ": connection closed before a response arrived");
        assertThat(backend.methods).containsExactly("POST", "POST");
    }
}
