package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.time.Duration;

/**
 * Per-connection limits. The defaults are AWS's (spec §7) where AWS has one.
 *
 * @param maxMessageBytes largest inbound message (after reassembly); above it the connection closes with 1009. AWS:
 *     128 KB. Also the largest {@code @connections} POST body (413 above it)
 * @param maxFrameBytes largest inbound frame; above it the connection closes with 1009. AWS: 32 KB
 * @param idleTimeout closes a connection with 1001 after this long without a data message in either direction (pings
 *     do not count). AWS: 10 minutes
 * @param maxDuration closes a connection with 1001 after this long. AWS: 2 hours
 * @param maxUrlLength longest handshake URL (path and query); longer ones get HTTP 414. AWS: 4096
 * @param binaryMessages when false (AWS), a binary frame closes the connection with 1003; when true, binary messages
 *     are passed to functions base64-encoded with {@code isBase64Encoded: true} (to {@code $default} unless
 *     {@code binaryEnvelope} routes them)
 * @param outboundBufferBytes bytes queued for one client before further pushes are refused with 429
 * @param inboundQueueBytes bytes of received messages waiting for their routes before reading pauses
 * @param handshakeTimeout how long a new TCP connection (and an idle keep-alive HTTP connection) may take to deliver a
 *     complete request before it is dropped; protects against slow handshakes. Default 10 s
 * @param permessageDeflate negotiate RFC 7692 compression when the client offers it (off by default, as on AWS);
 *     without context takeover, and a frame that inflates beyond {@code maxMessageBytes} closes with 1009
 * @param deflate how outbound messages are compressed when permessage-deflate is negotiated (threshold, server
 *     context takeover)
 * @param binaryEnvelope how a binary message is read for route selection: {@link BinaryEnvelope#NONE} (the default,
 *     everything to {@code $default}) or {@link BinaryEnvelope#PROTOBUF}; anything but {@code NONE} needs
 *     {@code binaryMessages}
 */
public record Limits(
        int maxMessageBytes,
        int maxFrameBytes,
        Duration idleTimeout,
        Duration maxDuration,
        int maxUrlLength,
        boolean binaryMessages,
        int outboundBufferBytes,
        int inboundQueueBytes,
        Duration handshakeTimeout,
        boolean permessageDeflate,
        DeflateSettings deflate,
        BinaryEnvelope binaryEnvelope) {

    /** AWS's limits. */
    public static final Limits DEFAULT = new Limits(
            128 * 1024, 32 * 1024, Duration.ofMinutes(10), Duration.ofHours(2), 4096, false, 1024 * 1024, 1024 * 1024,
            Duration.ofSeconds(10), false, DeflateSettings.DEFAULT, BinaryEnvelope.NONE);

    /** Creates limits with the default compression settings and no binary envelope ({@link BinaryEnvelope#NONE}). */
    public Limits(int maxMessageBytes, int maxFrameBytes, Duration idleTimeout, Duration maxDuration,
            int maxUrlLength, boolean binaryMessages, int outboundBufferBytes, int inboundQueueBytes,
            Duration handshakeTimeout, boolean permessageDeflate) {
        this(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout, permessageDeflate, DeflateSettings.DEFAULT,
                BinaryEnvelope.NONE);
    }

    /** Creates limits without a binary envelope ({@link BinaryEnvelope#NONE}). */
    public Limits(int maxMessageBytes, int maxFrameBytes, Duration idleTimeout, Duration maxDuration,
            int maxUrlLength, boolean binaryMessages, int outboundBufferBytes, int inboundQueueBytes,
            Duration handshakeTimeout, boolean permessageDeflate, DeflateSettings deflate) {
        this(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout, permessageDeflate, deflate,
                BinaryEnvelope.NONE);
    }

    public Limits {
        checkArgument(maxMessageBytes > 0, "maxMessageBytes: %s (expected: > 0)", maxMessageBytes);
        checkArgument(maxFrameBytes > 0, "maxFrameBytes: %s (expected: > 0)", maxFrameBytes);
        checkArgument(positive(idleTimeout), "idleTimeout: %s (expected: > 0)", idleTimeout);
        checkArgument(positive(maxDuration), "maxDuration: %s (expected: > 0)", maxDuration);
        checkArgument(maxUrlLength >= 16, "maxUrlLength: %s (expected: >= 16)", maxUrlLength);
        checkArgument(outboundBufferBytes >= maxMessageBytes,
                "outboundBufferBytes: %s (expected: >= maxMessageBytes %s)", outboundBufferBytes, maxMessageBytes);
        checkArgument(inboundQueueBytes > 0, "inboundQueueBytes: %s (expected: > 0)", inboundQueueBytes);
        checkArgument(positive(handshakeTimeout), "handshakeTimeout: %s (expected: > 0)", handshakeTimeout);
        notNull(deflate, "deflate");
        notNull(binaryEnvelope, "binaryEnvelope");
        checkArgument(binaryMessages || binaryEnvelope == BinaryEnvelope.NONE,
                "binaryEnvelope: %s (expected: NONE while binaryMessages is off)", binaryEnvelope);
    }

    /** Returns a copy that reads binary messages as {@code value}; anything but NONE also turns binary messages on. */
    public Limits withBinaryEnvelope(BinaryEnvelope value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength,
                binaryMessages || value != BinaryEnvelope.NONE, outboundBufferBytes, inboundQueueBytes,
                handshakeTimeout, permessageDeflate, deflate, value);
    }

    /** Returns a copy with another handshake timeout. */
    public Limits withHandshakeTimeout(Duration value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, value, permessageDeflate, deflate, binaryEnvelope);
    }

    /** Returns a copy with permessage-deflate on or off. */
    public Limits withPermessageDeflate(boolean value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout, value, deflate, binaryEnvelope);
    }

    /** Returns a copy with other permessage-deflate compression settings. */
    public Limits withDeflate(DeflateSettings value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout, permessageDeflate, value, binaryEnvelope);
    }

    private static boolean positive(Duration d) {
        return !notNull(d, "duration").isNegative() && !d.isZero();
    }

    /** Returns a copy with another idle timeout. */
    public Limits withIdleTimeout(Duration value) {
        return new Limits(maxMessageBytes, maxFrameBytes, value, maxDuration, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout,
                permessageDeflate, deflate, binaryEnvelope);
    }

    /** Returns a copy with another maximum duration. */
    public Limits withMaxDuration(Duration value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, value, maxUrlLength, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout,
                permessageDeflate, deflate, binaryEnvelope);
    }

    /** Returns a copy with other message and frame limits. */
    public Limits withSizes(int messageBytes, int frameBytes) {
        return new Limits(messageBytes, frameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                Math.max(outboundBufferBytes, messageBytes), inboundQueueBytes, handshakeTimeout,
                permessageDeflate, deflate, binaryEnvelope);
    }

    /** Returns a copy with binary messages on or off; off also sets the binary envelope to NONE. */
    public Limits withBinaryMessages(boolean value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, value,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout,
                permessageDeflate, deflate, value ? binaryEnvelope : BinaryEnvelope.NONE);
    }

    /** Returns a copy with another outbound buffer size. */
    public Limits withOutboundBufferBytes(int value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength, binaryMessages,
                value, inboundQueueBytes, handshakeTimeout,
                permessageDeflate, deflate, binaryEnvelope);
    }

    /** Returns a copy with another URL limit. */
    public Limits withMaxUrlLength(int value) {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, value, binaryMessages,
                outboundBufferBytes, inboundQueueBytes, handshakeTimeout,
                permessageDeflate, deflate, binaryEnvelope);
    }
}
