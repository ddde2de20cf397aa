package io.socketway.core;

/**
 * How the gateway reads a binary message before route selection (a Socketway extension; AWS closes binary frames
 * with 1003). Binary messages must be on ({@link Limits#binaryMessages()}) for any of these to apply.
 */
public enum BinaryEnvelope {
    /** Every binary message goes to {@code $default} (the default). */
    NONE,
    /**
     * A binary message is a Protocol Buffers {@code socketway.v1.Envelope} ({@code docs/envelope.proto}): the route
     * selection expression is evaluated against its {@code action} and {@code metadata} fields as if they were the
     * JSON object {@code {"action": ..., "metadata": {...}}}. A message that is not a valid envelope goes to
     * {@code $default}, as a text message that is not JSON does.
     */
    PROTOBUF
}
