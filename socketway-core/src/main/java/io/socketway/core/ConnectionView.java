package io.socketway.core;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GetConnection} returns.
 *
 * @param connectionId the id
 * @param stage the stage
 * @param connectedAt epoch milliseconds of the handshake
 * @param lastActiveAt epoch milliseconds of the last data message in either direction
 * @param sourceIp the client's address
 * @param userAgent the client's {@code User-Agent}, or null
 */
public record ConnectionView(
        String connectionId, String stage, long connectedAt, long lastActiveAt, String sourceIp,
        @Nullable String userAgent) {}
