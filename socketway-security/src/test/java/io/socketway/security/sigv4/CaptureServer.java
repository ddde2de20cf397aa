package io.socketway.security.sigv4;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records each request it receives on a loopback port as a {@link SignedRequest}, and answers like the
 * {@code @connections} API: 200 with an empty body, or 200 with a GetConnection document for {@code GET}. Connection
 * ids that start with {@code gone} get 410 {@code GoneException}.
 */
final class CaptureServer implements AutoCloseable {

    private static final byte[] CONNECTION = ("{\"connectedAt\":\"2026-01-01T00:00:00Z\",\"identity\":"
            + "{\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"test\"},\"lastActiveAt\":\"2026-01-01T00:00:00Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    static {
        QuietSdkLogs.apply();
    }

    private final HttpServer server;
    private final BlockingQueue<SignedRequest> received = new LinkedBlockingQueue<>();

    CaptureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint(String stage) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
    }

    /** Returns the oldest request not yet taken; the SDK call that sent it has already returned. */
    SignedRequest take() throws InterruptedException {
        SignedRequest request = received.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no request arrived");
        }
        return request;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
            URI uri = exchange.getRequestURI();
            received.add(new SignedRequest(exchange.getRequestMethod(), uri.getRawPath(),
                    uri.getRawQuery() == null ? "" : uri.getRawQuery(), headers, body));
            if (uri.getRawPath().contains("/@connections/gone")) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "GoneException");
                exchange.sendResponseHeaders(410, -1);
            } else if (exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, CONNECTION.length);
                exchange.getResponseBody().write(CONNECTION);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
