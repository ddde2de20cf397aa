package io.socketway.core;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an integration answered: a status (decides {@code $connect}), headers ({@code Sec-WebSocket-Protocol} on
 * {@code $connect}) and a body (sent back on two-way routes).
 *
 * @param statusCode the HTTP-style status; 200 when the function gave none
 * @param headers response headers
 * @param body the body, or null when there is none; a Lambda body with {@code isBase64Encoded: true} is decoded and
 *     read as UTF-8 here
 * @param binaryBody the decoded bytes of a Lambda body with {@code isBase64Encoded: true}, otherwise null; replies to
 *     binary messages under a {@link BinaryEnvelope} are sent from it as a binary message
 */
record IntegrationResponse(int statusCode, Map<String, String> headers, @Nullable String body,
        byte @Nullable [] binaryBody) {
    static final IntegrationResponse OK = new IntegrationResponse(200, Map.of(), null);

    /** Creates a response with a text body only. */
    IntegrationResponse(int statusCode, Map<String, String> headers, @Nullable String body) {
        this(statusCode, headers, body, null);
    }

    /** Returns a header by name, matched case-insensitively. */
    Optional<String> header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Returns true for 2xx. */
    boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }
}
