package io.socketway.registry.redis;

import io.socketway.api.spi.ConnectionRecord;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns a {@link ConnectionRecord} into bytes and back: a version byte, then the id, stage and node as length-prefixed
 * UTF-8, the connection time, the source IP and the user agent. The bytes are sealed by {@link PayloadCipher} before
 * they reach Redis. Stateless and thread-safe.
 */
final class RecordCodec {
    private static final byte VERSION = 1;

    private RecordCodec() {}

    static byte[] encode(ConnectionRecord r) {
        byte[][] fields = {utf8(r.connectionId()), utf8(r.stage()), utf8(r.nodeId()), utf8(r.sourceIp()),
            utf8(r.userAgent())};
        int size = 1 + Long.BYTES;
        for (byte[] f : fields) {
            size += Integer.BYTES + f.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION);
        put(out, fields[0]);
        put(out, fields[1]);
        put(out, fields[2]);
        out.putLong(r.connectedAt());
        put(out, fields[3]);
        put(out, fields[4]);
        return out.array();
    }

    static ConnectionRecord decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION) {
                throw new IllegalStateException("connection record: version " + bytes[0] + " (expected: " + VERSION
                        + ")");
            }
            String id = string(in);
            String stage = string(in);
            String node = string(in);
            long connectedAt = in.getLong();
            return new ConnectionRecord(id, stage, node, connectedAt, string(in), string(in));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("connection record: truncated or malformed", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void put(ByteBuffer out, byte[] field) {
        out.putInt(field.length).put(field);
    }

    static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("field length: " + length);
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
