package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls of functions over HTTP through the JDK client, and how their failures become integration failures. */
@Timeout(30)
class HttpFunctionCallTest {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch never = new CountDownLatch(1);
    private HttpServer backend;
    private FunctionHttpClient client;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setExecutor(executor);
        backend.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.createContext("/silent", exchange -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        backend.start();
        client = FunctionHttpClient.jdk(executor, FunctionHttpSettings.DEFAULT.withMaxResponseBytes(16));
    }

    @AfterEach
    void stop() {
        never.countDown();
        client.close();
        backend.stop(0);
        executor.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + backend.getAddress().getPort() + path;
    }

    private static FunctionHttpClient.Request post(String url, String body, Duration timeout) {
        return new FunctionHttpClient.Request("POST", URI.create(url), Map.of(), body.getBytes(StandardCharsets.UTF_8),
                timeout);
    }

    @Test
    void answersWithTheBackendsStatusAndBody() throws Exception {
        FunctionHttpClient.Response response = HttpLambdaInvoker.send(client, post(url("/echo"), "hi", Duration.ofSeconds(5)));
        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    void aSilentBackendIsATimeout() {
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> HttpLambdaInvoker.send(client, post(url("/silent"), "x", Duration.ofMillis(200))));
        assertThat(e.kind()).isEqualTo(IntegrationException.Kind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo(url("/silent") + ": timed out after 200 ms");
    }

    @Test
    void aRefusedConnectionIsAnUnreachableBackend() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/none";
        IntegrationException e = catchThrowableOfType(IntegrationException.class,
                () -> HttpLambdaInvoker.send(client, post(url, "x", Duration.ofSeconds(5))));
        assertThat(e.kind()).isEqualTo(IntegrationException.Kind.BACKEND_UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo(url + ": connection refused");
    }

    @Test
    void anOversizedResponseIsAnInvalidResponseNamingTheLimit() {
        IntegrationException e = catchThrowableOfType(IntegrationException.class, () -> HttpLambdaInvoker.send(client,
                post(url("/echo"), "x".repeat(100), Duration.ofSeconds(5))));
        assertThat(e.kind()).isEqualTo(IntegrationException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).isEqualTo(url("/echo")
                + ": response body over 16 bytes (expected: at most --function-http-max-response-bytes)");
    }
}
