package io.socketway.core;

import java.util.Optional;

/** The node's answer to a WebSocket upgrade: accept (send 101) or reject with an HTTP status. */
public sealed interface ConnectResult permits ConnectResult.Accepted, ConnectResult.Rejected {

    /**
     * The {@code $connect} route accepted the connection.
     *
     * @param connection the new connection; the transport calls {@link Gateway#opened} after the 101
     * @param subprotocol the {@code Sec-WebSocket-Protocol} the {@code $connect} response chose, if any
     */
    record Accepted(Connection connection, Optional<String> subprotocol) implements ConnectResult {}

    /**
     * The connection is refused with this HTTP status and JSON body.
     *
     * @param status for example 401, 403 or 502
     * @param body a JSON body such as {@code {"message":"Forbidden"}}
     */
    record Rejected(int status, String body) implements ConnectResult {}
}
