package io.socketway.registry.redis;

import static io.socketway.registry.redis.RecordCodec.put;
import static io.socketway.registry.redis.RecordCodec.string;
import static io.socketway.registry.redis.RecordCodec.utf8;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What travels on the bus, before {@link PayloadCipher} seals it. A request is {@code kind (1 send, 2 disconnect) |
 * request id (8) | timeout ms (4) | requester node | connection id | data (the rest)}; a reply is {@code kind (3) |
 * request id (8) | outcome (1)}. Strings are length-prefixed UTF-8; numbers big-endian. Frames are immutable records
 * (the data array is not copied: treat it as read-only); encoding and decoding are stateless and thread-safe.
 */
sealed interface BusFrame {
    byte SEND = 1;
    byte DISCONNECT = 2;
    byte REPLY = 3;

    /** An operation for a connection on the receiving node. */
    record Request(byte kind, long requestId, int timeoutMillis, String requester, String connectionId, byte[] data)
            implements BusFrame {}

    /** The owner's answer to a request. */
    record Reply(long requestId, Outcome outcome) implements BusFrame {}

    /** A reply's outcome: a {@code Delivery} as the receiver returned it, or a receiver failure. */
    enum Outcome {
        DELIVERED,
        GONE,
        BUFFER_FULL,
        FAILED
    }

    /** Returns the frame's bytes. */
    static byte[] encode(BusFrame frame) {
        return switch (frame) {
            case Request r -> encodeRequest(r);
            case Reply r -> ByteBuffer.allocate(10).put(REPLY).putLong(r.requestId())
                    .put((byte) r.outcome().ordinal()).array();
        };
    }

    /** Reads a frame; throws {@link IllegalStateException} when the bytes are not one. */
    static BusFrame decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte kind = in.get();
            long requestId = in.getLong();
            if (kind == REPLY) {
                return new Reply(requestId, Outcome.values()[in.get()]);
            }
            if (kind != SEND && kind != DISCONNECT) {
                throw new IllegalStateException("bus frame: kind " + kind + " (expected: 1, 2 or 3)");
            }
            int timeout = in.getInt();
            String requester = string(in);
            String connectionId = string(in);
            return new Request(kind, requestId, timeout, requester, connectionId,
                    Arrays.copyOfRange(bytes, in.position(), bytes.length));
        } catch (BufferUnderflowException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("bus frame: truncated or malformed", e);
        }
    }

    private static byte[] encodeRequest(Request r) {
        byte[] requester = utf8(r.requester());
        byte[] connection = utf8(r.connectionId());
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + 8 + requester.length + connection.length + r.data().length);
        out.put(r.kind()).putLong(r.requestId()).putInt(r.timeoutMillis());
        put(out, requester);
        put(out, connection);
        return out.put(r.data()).array();
    }
}
