package io.socketway.core;

/** The outcome of an {@code @connections} call, mapped by the transport to AWS's status and error type. */
public enum ManagementResult {
    /** 200 (POST, GET) or 204 (DELETE). */
    OK,
    /** 410 {@code GoneException}: unknown, closed or not-yet-connected id. */
    GONE,
    /** 413 {@code PayloadTooLargeException}: the body is over the message limit. */
    PAYLOAD_TOO_LARGE,
    /** 429 {@code LimitExceededException}: the connection's outbound buffer is full. */
    LIMIT_EXCEEDED,
    /** 403 {@code ForbiddenException}: no such stage. */
    FORBIDDEN
}
