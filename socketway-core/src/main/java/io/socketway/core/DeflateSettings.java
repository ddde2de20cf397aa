package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;

/**
 * How permessage-deflate (RFC 7692) compresses outbound messages once {@link Limits#permessageDeflate()} is on.
 *
 * @param thresholdBytes messages smaller than this are sent uncompressed (deflate costs CPU and saves little on
 *     small payloads). Default 0: every message is compressed, as before the setting existed
 * @param serverContextTakeover when true (the default), the server keeps its compression context between messages
 *     unless the client offers {@code server_no_context_takeover}; when false, the server always answers with
 *     {@code server_no_context_takeover}, which costs some ratio on small similar messages but lets a message sent to
 *     many connections (the {@code @connections} fan-out) be compressed once and shared by all of them, and frees
 *     the compressor's memory between messages
 */
public record DeflateSettings(int thresholdBytes, boolean serverContextTakeover) {

    /** Compress every message; context takeover as the client negotiates. */
    public static final DeflateSettings DEFAULT = new DeflateSettings(0, true);

    public DeflateSettings {
        checkArgument(thresholdBytes >= 0, "thresholdBytes: %s (expected: >= 0)", thresholdBytes);
    }

    /** Returns a copy with another size threshold. */
    public DeflateSettings withThresholdBytes(int value) {
        return new DeflateSettings(value, serverContextTakeover);
    }

    /** Returns a copy with server context takeover allowed (true) or always declined (false). */
    public DeflateSettings withServerContextTakeover(boolean value) {
        return new DeflateSettings(thresholdBytes, value);
    }
}
