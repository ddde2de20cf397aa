package io.socketway.core;

import static io.socketway.api.Checks.notNull;

import org.jspecify.annotations.Nullable;

/** Why a {@link FunctionHttpClient} request got no response; the gateway maps the {@link Kind} to its error. */
public final class FunctionHttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Kind kind;

    /** Creates an exception of {@code kind} with a message naming what failed. */
    public FunctionHttpException(Kind kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = notNull(kind, "kind");
    }

    /** Returns why the request failed. */
    public Kind kind() {
        return kind;
    }

    /** Why a request got no response. */
    public enum Kind {
        /** The request's timeout passed (waiting for a connection, connecting, or waiting for the response). */
        TIMEOUT,
        /** The backend refused the connection. */
        REFUSED,
        /** The connection failed or closed before a whole response arrived (also DNS and TLS failures). */
        BROKEN,
        /** The response body is larger than the client accepts. */
        TOO_LARGE,
        /** Too many requests already wait for a connection to this backend. */
        OVERLOADED
    }
}
