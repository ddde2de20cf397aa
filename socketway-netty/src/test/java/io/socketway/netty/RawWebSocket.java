package io.socketway.netty;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A bare-bones WebSocket client over a plain socket, for sending what well-behaved clients never send: invalid UTF-8,
 * oversized frames, and for dropping the TCP connection without a close frame.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private String responseHead = "";

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawWebSocket connect(int port, String path, String... extraHeaderLines) throws IOException {
        return connect(port, new byte[0], path, extraHeaderLines);
    }

    /** Connects, writing {@code prefix} (a PROXY protocol header, say) before the handshake. */
    static RawWebSocket connect(int port, byte[] prefix, String path, String... extraHeaderLines) throws IOException {
        RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port));
        ws.out.write(prefix);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        StringBuilder extra = new StringBuilder();
        for (String line : extraHeaderLines) {
            extra.append(line).append("\r\n");
        }
        ws.out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extra
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String status = ws.readHeaders();
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        return ws;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during handshake");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        responseHead = head.toString(StandardCharsets.US_ASCII);
        return responseHead.lines().findFirst().orElse("");
    }

    /** Returns the handshake response's status line and headers. */
    String responseHead() {
        return responseHead;
    }

    /** Sends one masked frame with this opcode and payload. */
    void frame(int opcode, boolean fin, byte[] payload) throws IOException {
        frame(opcode, fin, false, payload);
    }

    /** Sends one masked frame; {@code rsv1} marks a permessage-deflate compressed message. */
    void frame(int opcode, boolean fin, boolean rsv1, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payload.length >> (8 * i)) & 0xff);
            }
        }
        byte[] mask = {1, 2, 3, 4};
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /** One frame as the server sent it: its first header byte (FIN, RSV bits, opcode) and its payload. */
    record Frame(int head, byte[] payload) {
        boolean rsv1() {
            return (head & 0x40) != 0;
        }

        int opcode() {
            return head & 0x0f;
        }

        boolean fin() {
            return (head & 0x80) != 0;
        }
    }

    /** Reads the next frame (unmasked, as servers send them). */
    Frame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        return new Frame(b0, in.readNBytes((int) len));
    }

    /** Reads frames until a close frame and returns its status code (-1 if it has none). */
    int readCloseCode() throws IOException {
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] payload = in.readNBytes((int) len);
            if ((b0 & 0x0f) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
            }
        }
    }

    /** Drops the TCP connection without a close frame. */
    void drop() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
