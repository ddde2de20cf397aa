package io.socketway.core;

/**
 * Decides whether a connection may open, before the {@code $connect} integration runs (spec §5). The result covers
 * the whole connection; other routes are not re-authorized.
 *
 * <p>Threading: thread-safe; {@link #authorize} may block and is always called on a virtual thread.
 */
interface ConnectAuthorizer {

    /** Authorizes the upgrade request of {@code connection}. */
    Authorization authorize(Connection connection, HandshakeRequest handshake, String requestId);
}
