package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.core.Limits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slow and oversized handshakes, and permessage-deflate with a bounded inflation. */
@Timeout(60)
class HandshakeHardeningTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static TestRuntime echo() {
        return new TestRuntime().handler("echo", e -> Map.of("body", "got:" + e.get("body").asText()));
    }

    @Test
    void slowHandshakesAreDroppedAndOthersAreServed() throws Exception {
        Limits limits = Limits.DEFAULT.withHandshakeTimeout(Duration.ofMillis(400));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), echo(), limits);
                Socket slow = new Socket("127.0.0.1", gw.server.port())) {
            slow.setSoTimeout(5000);
            OutputStream out = slow.getOutputStream();
            out.write("GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            assertThat(slow.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
            try (TestWebSocket client = gw.connect()) {
                client.send("{\"action\":\"echo\"}");
                assertThat(client.next(WAIT)).startsWith("got:");
            }
        }
    }

    @Test
    void aKeepAliveConnectionStaysOpenWhileItKeepsAskingAndIsDroppedOnceIdle() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        Limits limits = Limits.DEFAULT.withHandshakeTimeout(timeout);
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), echo(), limits);
                Socket socket = new Socket("127.0.0.1", gw.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] request = "GET /_socketway/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            int answered = 0;
            // Requests back to back for four timeouts: each one moves the deadline, so the connection stays open
            // although the first deadline (and the ones after it) pass meanwhile.
            while (System.nanoTime() - start < 4 * timeout.toNanos()) {
                out.write(request);
                out.flush();
                assertThat(readResponse(in)).as("response %d", answered).startsWith("HTTP/1.1 200");
                answered++;
            }
            long lastAnswer = System.nanoTime();
            assertThat(in.read()).as("closed once idle").isEqualTo(-1);
            Duration idle = Duration.ofNanos(System.nanoTime() - lastAnswer);
            assertThat(idle).isGreaterThanOrEqualTo(timeout.minusMillis(50)).isLessThan(WAIT);
            assertThat(answered).isGreaterThan(1);
        }
    }

    /** Reads one HTTP response with a Content-Length body; returns its status line. */
    private static String readResponse(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head").isNotEqualTo(-1);
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        assertThat(in.readNBytes(length)).hasSize(length);
        return text;
    }

    @Test
    void upgradedConnectionsAreNotSubjectToTheHandshakeTimeout() throws Exception {
        Limits limits = Limits.DEFAULT.withHandshakeTimeout(Duration.ofMillis(300));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), echo(), limits);
                TestWebSocket client = gw.connect()) {
            assertThat(client.quietFor(Duration.ofMillis(900))).isTrue();
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next(WAIT)).startsWith("got:");
        }
    }

    @Test
    void oversizedHeadersGet431() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), echo());
                Socket socket = new Socket("127.0.0.1", gw.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /dev HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 431");
        }
    }

    @Test
    void compressedMessagesAreInflatedWhenNegotiated() throws Exception {
        TestRuntime rt = echo();
        Limits limits = Limits.DEFAULT.withPermessageDeflate(true);
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), rt, limits);
                RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
            assertThat(raw.responseHead()).containsIgnoringCase("permessage-deflate");
            raw.frame(0x1, true, true, deflate("{\"action\":\"echo\",\"pad\":\"" + "x".repeat(500) + "\"}"));
            await().atMost(WAIT).until(() -> rt.events("MESSAGE").size() == 1);
            assertThat(rt.events("MESSAGE").get(0).get("body").asText()).startsWith("{\"action\":\"echo\"");
        }
    }

    @Test
    void aCompressionBombClosesWith1009() throws Exception {
        TestRuntime rt = echo();
        Limits limits = Limits.DEFAULT.withPermessageDeflate(true);
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), rt, limits);
                RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate")) {
            byte[] bomb = deflate("{\"action\":\"echo\",\"pad\":\"" + "0".repeat(20_000_000) + "\"}");
            assertThat(bomb.length).isLessThan(32 * 1024);
            raw.frame(0x1, true, true, bomb);
            assertThat(raw.readCloseCode()).isEqualTo(1009);
            try (TestWebSocket other = gw.connect()) {
                other.send("{\"action\":\"echo\"}");
                assertThat(other.next(WAIT)).startsWith("got:");
            }
            assertThat(rt.events("MESSAGE")).hasSize(1);
        }
    }

    @Test
    void compressionIsNotNegotiatedByDefault() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), echo());
                RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev",
                        "Sec-WebSocket-Extensions: permessage-deflate")) {
            assertThat(raw.responseHead()).doesNotContainIgnoringCase("permessage-deflate");
        }
    }

    /** Compresses as RFC 7692 does: raw deflate, sync flush, without the trailing 00 00 FF FF. */
    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        deflater.end();
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, all.length - 4);
    }
}
