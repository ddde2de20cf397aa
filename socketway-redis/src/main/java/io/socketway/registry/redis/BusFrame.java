package io.socketway.registry.redis;

import static io.socketway.registry.redis.RecordCodec.put;
import static io.socketway.registry.redis.RecordCodec.string;
import static io.socketway.registry.redis.RecordCodec.utf8;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What travels on the bus, before {@link PayloadCipher} seals it. A request is {@code kind (1 send, 2 disconnect) |
 * request id (8) | timeout ms (4) | requester node | connection id | data (the rest)}; a reply is {@code kind (3) |
 * request id (8) | outcome (1)}. A fan-out request is {@code kind (4) | request id (8) | timeout ms (4) | requester
 * node | id count (4) | connection ids | data (the rest)}, and its reply {@code kind (5) | request id (8) | count (4) |
 * one outcome (1) per id}. Strings are length-prefixed UTF-8; numbers big-endian. Frames are immutable records (the
 * data array is not copied: treat it as read-only); encoding and decoding are stateless and thread-safe.
 */
sealed interface BusFrame {
    byte SEND = 1;
    byte DISCONNECT = 2;
    byte REPLY = 3;
    byte SEND_MANY = 4;
    byte REPLY_MANY = 5;

    /** An operation for a connection on the receiving node. */
    record Request(byte kind, long requestId, int timeoutMillis, String requester, String connectionId, byte[] data)
            implements BusFrame {}

    /** The owner's answer to a request. */
    record Reply(long requestId, Outcome outcome) implements BusFrame {}

    /** One message for several connections on the receiving node (the {@code @connections} fan-out). */
    record ManyRequest(long requestId, int timeoutMillis, String requester, List<String> connectionIds, byte[] data)
            implements BusFrame {}

    /** The owner's answer to a {@link ManyRequest}: one outcome per id, in the request's order. */
    record ManyReply(long requestId, List<Outcome> outcomes) implements BusFrame {}

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
            case ManyRequest r -> encodeManyRequest(r);
            case ManyReply r -> encodeManyReply(r);
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
            if (kind == REPLY_MANY) {
                List<Outcome> outcomes = new ArrayList<>();
                for (int n = count(in, 1); n > 0; n--) {
                    outcomes.add(Outcome.values()[in.get()]);
                }
                return new ManyReply(requestId, outcomes);
            }
            if (kind == SEND_MANY) {
                return decodeManyRequest(bytes, in, requestId);
            }
            if (kind != SEND && kind != DISCONNECT) {
                throw new IllegalStateException("bus frame: kind " + kind + " (expected: 1 to 5)");
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

    private static ManyRequest decodeManyRequest(byte[] bytes, ByteBuffer in, long requestId) {
        int timeout = in.getInt();
        String requester = string(in);
        List<String> ids = new ArrayList<>();
        for (int n = count(in, Integer.BYTES); n > 0; n--) {
            ids.add(string(in));
        }
        return new ManyRequest(requestId, timeout, requester, ids, Arrays.copyOfRange(bytes, in.position(),
                bytes.length));
    }

    /** Reads a count of items of at least {@code minItemBytes} each, refusing one the rest cannot hold. */
    private static int count(ByteBuffer in, int minItemBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minItemBytes > in.remaining()) {
            throw new IllegalArgumentException("count: " + n);
        }
        return n;
    }

    private static byte[] encodeManyRequest(ManyRequest r) {
        byte[] requester = utf8(r.requester());
        List<byte[]> ids = r.connectionIds().stream().map(RecordCodec::utf8).toList();
        int size = 1 + 8 + 4 + 4 + requester.length + 4 + r.data().length;
        for (byte[] id : ids) {
            size += 4 + id.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(SEND_MANY).putLong(r.requestId()).putInt(r.timeoutMillis());
        put(out, requester);
        out.putInt(ids.size());
        ids.forEach(id -> put(out, id));
        return out.put(r.data()).array();
    }

    private static byte[] encodeManyReply(ManyReply r) {
        ByteBuffer out = ByteBuffer.allocate(1 + 8 + 4 + r.outcomes().size()).put(REPLY_MANY).putLong(r.requestId())
                .putInt(r.outcomes().size());
        r.outcomes().forEach(o -> out.put((byte) o.ordinal()));
        return out.array();
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
