package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.testing.RandomInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Garbled management paths, handshake headers and raw bytes against one live gateway: every request gets an HTTP
 * answer or a clean close, and a client connected throughout keeps working.
 */
class HostileInputPropertiesTest {
    private static final List<String> PATH_PREFIXES = List.of("/dev/@connections/", "/dev/%40connections/", "/",
            "/dev/", "/_socketway/", "/dev/@connections", "//", "/%ZZ/");
    private static final List<String> METHODS =
            List.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "BREW");
    private static final List<String> HEADER_NAMES = List.of("Origin", "Sec-WebSocket-Protocol",
            "Sec-WebSocket-Extensions", "Host", "User-Agent", "X-Forwarded-For", "Cookie", "X-" + "a".repeat(40));

    private static GatewayFixture gateway;
    private static TestWebSocket bystander;

    private final RandomInputs random = RandomInputs.forTests();

    /** A request line's method and path. */
    record Target(String method, String path) {}

    /** One extra handshake header. */
    record Header(String name, String value) {}

    @BeforeAll
    static void start() {
        gateway = new GatewayFixture(TestApi.create().route("echo", "echo", true),
                new TestRuntime().handler("echo", e -> Map.of("body", "ok")));
        bystander = gateway.connect();
    }

    @AfterAll
    static void stop() throws Exception {
        bystander.send("{\"action\":\"echo\"}");
        assertThat(bystander.next(Duration.ofSeconds(5))).isEqualTo("ok");
        bystander.close();
        gateway.close();
    }

    @Test
    void managementPathsAlwaysGetAnAnswer() {
        random.forAll(150, HostileInputPropertiesTest::target, target -> {
            String request = target.method() + " " + target.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: 1\r\nConnection: close\r\n\r\nx";
            assertThat(exchange(request.getBytes(StandardCharsets.ISO_8859_1))).satisfiesAnyOf(
                    answer -> assertThat(answer).startsWith("HTTP/1.1 "),
                    answer -> assertThat(answer).isEmpty());
        });
    }

    @Test
    void handshakeHeadersAlwaysGetAnAnswer() {
        random.forAll(150, r -> new Header(r.oneOf(HEADER_NAMES), r.printableAscii(300)), header -> {
            String request = "GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + header.name() + ": " + header.value() + "\r\n\r\n";
            String answer = exchange(request.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer).matches("(?s)(HTTP/1\\.1 \\d{3} .*)?");
        });
    }

    @Test
    void arbitraryBytesNeverHurtTheServer() {
        random.forAll(100, r -> r.bytes(2000), HostileInputPropertiesTest::exchange);
    }

    private static String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(64);
            return new String(head, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return "";
        }
    }

    private static Target target(RandomInputs random) {
        String segment = random.stringOf("abc@%40=3D/._-~!$&'()*+,;:", 20);
        return new Target(random.oneOf(METHODS), random.oneOf(PATH_PREFIXES) + segment);
    }
}
