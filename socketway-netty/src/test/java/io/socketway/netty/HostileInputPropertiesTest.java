package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Garbled management paths, handshake headers and raw bytes against one live gateway: every request gets an HTTP
 * answer or a clean close, and a client connected throughout keeps working.
 */
class HostileInputPropertiesTest {
    private static GatewayFixture gateway;
    private static WsClient bystander;

    @BeforeContainer
    static void start() {
        gateway = new GatewayFixture(TestApi.create().route("echo", "echo", true),
                new TestRuntime().handler("echo", e -> Map.of("body", "ok")));
        bystander = gateway.connect();
    }

    @AfterContainer
    static void stop() throws Exception {
        bystander.send("{\"action\":\"echo\"}");
        assertThat(bystander.next(Duration.ofSeconds(5))).isEqualTo("ok");
        bystander.close();
        gateway.close();
    }

    @Property(tries = 150)
    void managementPathsAlwaysGetAnAnswer(@ForAll("paths") String path, @ForAll("methods") String method)
            throws IOException {
        String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n"
                + "Connection: close\r\n\r\nx";
        assertThat(exchange(request.getBytes(StandardCharsets.ISO_8859_1))).satisfiesAnyOf(
                answer -> assertThat(answer).startsWith("HTTP/1.1 "),
                answer -> assertThat(answer).isEmpty());
    }

    @Property(tries = 150)
    void handshakeHeadersAlwaysGetAnAnswer(@ForAll("headerNames") String name, @ForAll("headerValues") String value)
            throws IOException {
        String request = "GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + name + ": " + value
                + "\r\n\r\n";
        String answer = exchange(request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer).matches("(?s)(HTTP/1\\.1 \\d{3} .*)?");
    }

    @Property(tries = 100)
    void arbitraryBytesNeverHurtTheServer(@ForAll("bytes") byte[] junk) throws IOException {
        exchange(junk);
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

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("abc@%40=3D/._-~!$&'()*+,;:").ofMaxLength(20);
        return Arbitraries.of("/dev/@connections/", "/dev/%40connections/", "/", "/dev/", "/_socketway/",
                        "/dev/@connections", "//", "/%ZZ/")
                .flatMap(prefix -> segment.map(s -> prefix + s));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD", "BREW");
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of("Origin", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Host", "User-Agent",
                "X-Forwarded-For", "Cookie", "X-" + "a".repeat(40));
    }

    @Provide
    Arbitrary<String> headerValues() {
        return Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7e).ofMaxLength(300);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }
}
