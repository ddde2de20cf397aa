package io.socketway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import java.util.Optional;

/**
 * A {@code @connections} call that did not succeed, as a message for the operator and the exit status of
 * {@code socketway connections} (see {@link ConnectionsCommand#EXIT_CODES}).
 *
 * <p>Immutable.
 */
final class ManagementFailure extends Exception {
    static final int FAILED = 1;
    static final int GONE = 3;
    static final int NOT_AUTHORIZED = 4;
    static final int UNREACHABLE = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private ManagementFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Returns the exit status for this failure. */
    int exitCode() {
        return exitCode;
    }

    /** Describes a call that never got an answer (connection refused, unknown host, timeout, TLS failure). */
    static ManagementFailure unreachable(URI endpoint, IOException cause) {
        return new ManagementFailure(UNREACHABLE, "cannot reach gateway at " + endpoint + " (" + reason(cause) + ")");
    }

    private static String reason(IOException cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + ManagementClient.CONNECT_SECONDS + " s";
        } else if (cause instanceof HttpTimeoutException) {
            return "no answer within " + ManagementClient.REQUEST_SECONDS + " s";
        } else if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host";
        } else if (cause instanceof ConnectException) {
            return "connection refused";
        } else if (cause instanceof SSLException) {
            return "TLS: " + cause.getMessage();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /**
     * Describes an error answer in AWS's shape ({@code x-amzn-ErrorType} and {@code {"message": ...}}).
     *
     * @param connectionId the id the call named, empty for the listing
     * @param signedBy the key the request was signed with, empty when unsigned
     */
    static ManagementFailure of(ManagementClient.Answer answer, URI endpoint, String connectionId,
            Optional<SigningKey> signedBy) {
        String type = answer.errorType().orElse("HTTP " + answer.status());
        String detail = message(answer.body()).map(m -> type + ": " + m).orElse(type);
        String what = " (" + answer.status() + " " + detail + ")";
        return switch (answer.status()) {
            case 410 -> new ManagementFailure(GONE, "connection " + connectionId + " is gone" + what
                    + ": it closed, never existed or is still connecting");
            case 403 -> forbidden(endpoint, signedBy, what, message(answer.body()).orElse(""));
            case 404 -> new ManagementFailure(FAILED, "no @connections API at " + endpoint + what
                    + "; --endpoint is the management base with the stage, e.g. http://127.0.0.1:8080/dev");
            case 413 -> new ManagementFailure(FAILED, "the message is too large for the gateway" + what
                    + "; its limit is `socketway run --max-message-bytes` (default 131072)");
            case 429 -> new ManagementFailure(FAILED, "the gateway is throttling" + what + "; try again later");
            default -> new ManagementFailure(FAILED, "the gateway at " + endpoint + " refused the call" + what);
        };
    }

    private static ManagementFailure forbidden(URI endpoint, Optional<SigningKey> signedBy, String what,
            String message) {
        if (message.equals("Forbidden")) {
            return new ManagementFailure(NOT_AUTHORIZED, "the gateway has no such stage: " + endpoint + what);
        }
        String hint = signedBy.map(key -> "; check that " + key.accessKeyId() + " (from " + key.source()
                        + ") is one of the gateway's --access-key keys with this secret, allowed on this stage and"
                        + " operation, and that --region matches the gateway's")
                .orElse("; sign the call with --access-key ID:SECRET (or set " + SigningKey.SOCKETWAY_ENV
                        + ") using a key the gateway was started with; without keys it accepts loopback callers only");
        return new ManagementFailure(NOT_AUTHORIZED, "not authorized by the gateway at " + endpoint + what + hint);
    }

    /** Returns a failure for an answer that is not what the API documents (not JSON, missing fields). */
    static ManagementFailure unexpected(URI endpoint, String what) {
        return new ManagementFailure(FAILED, "unexpected answer from " + endpoint + ": " + what);
    }

    private static Optional<String> message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode message = node == null ? null : node.has("message") ? node.get("message") : node.get("Message");
            return message == null || !message.isTextual() || message.asText().isBlank()
                    ? Optional.empty() : Optional.of(message.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
