package io.socketway.security.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Serves a JWK set on a loopback port per test, counts the requests, and can play an outage (HTTP 503). */
final class JwksServer implements BeforeEachCallback, AfterEachCallback {
    private final AtomicReference<String> jwks = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private HttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        requests.set(0);
        down.set(false);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", this::answer);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.stop(0);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    /** Publishes the public parts of {@code keys}. */
    void publish(JWK... keys) {
        jwks.set(new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    /** Publishes a JWK set written by hand. */
    void publishJson(String json) {
        jwks.set(json);
    }

    void down(boolean value) {
        down.set(value);
    }

    int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body = (down.get() ? "{\"message\":\"down\"}" : jwks.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(down.get() ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
