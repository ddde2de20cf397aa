package io.socketway.api.spi;

import static io.socketway.api.Checks.notNull;

/**
 * What every node may know about a live connection: enough to route a management call to its owner and to answer
 * {@code GetConnection}.
 *
 * @param connectionId the 16-character connection id
 * @param stage the stage the client connected to
 * @param nodeId the node that holds the socket
 * @param connectedAt epoch milliseconds of the handshake
 * @param sourceIp the client's address
 * @param userAgent the client's {@code User-Agent}, or an empty string
 */
public record ConnectionRecord(
        String connectionId, String stage, String nodeId, long connectedAt, String sourceIp, String userAgent) {
    public ConnectionRecord {
        notNull(connectionId, "connectionId");
        notNull(stage, "stage");
        notNull(nodeId, "nodeId");
        notNull(sourceIp, "sourceIp");
        notNull(userAgent, "userAgent");
    }
}
