package io.socketway.core;

import static io.socketway.api.Checks.notNull;

import java.util.List;
import java.util.Map;

/**
 * What the transport read from a WebSocket upgrade request, before any answer is sent.
 *
 * @param stage the first path segment
 * @param headers the request headers in arrival order, names in the client's casing
 * @param query the query parameters in arrival order, each with all its values
 * @param sourceIp the client's address
 * @param domainName the host (and port) the client addressed, from {@code Host}
 * @param localPort the port the gateway accepted the connection on
 * @param secure true for {@code wss://}
 * @param rawPath the request path exactly as received (a presigned URL's signature covers it)
 * @param rawQuery the query string exactly as received, without {@code ?}; empty when none
 */
public record HandshakeRequest(
        String stage,
        List<Map.Entry<String, String>> headers,
        Map<String, List<String>> query,
        String sourceIp,
        String domainName,
        int localPort,
        boolean secure,
        String rawPath,
        String rawQuery) {

    /** Creates a request whose raw path is {@code /{stage}} with no query string. */
    public HandshakeRequest(String stage, List<Map.Entry<String, String>> headers, Map<String, List<String>> query,
            String sourceIp, String domainName, int localPort, boolean secure) {
        this(stage, headers, query, sourceIp, domainName, localPort, secure, "/" + stage, "");
    }

    public HandshakeRequest {
        notNull(stage, "stage");
        headers = List.copyOf(headers);
        query = Map.copyOf(query);
        notNull(sourceIp, "sourceIp");
        notNull(domainName, "domainName");
        notNull(rawPath, "rawPath");
        notNull(rawQuery, "rawQuery");
    }

    /** Returns the first value of a header, matched case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
