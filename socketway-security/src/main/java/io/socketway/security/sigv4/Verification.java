package io.socketway.security.sigv4;

import static java.util.Objects.requireNonNull;

/**
 * Tells whether a signed request may proceed: {@link Allowed} with the key that signed it, or {@link Denied} with the
 * HTTP answer to send.
 *
 * <p>Both records are immutable and thread-safe.
 */
public sealed interface Verification permits Verification.Allowed, Verification.Denied {

    /**
     * Says the signature is valid and the key may perform the request.
     *
     * @param key the key whose secret produced the signature
     */
    record Allowed(AccessKey key) implements Verification {
        /** Checks for null. */
        public Allowed {
            requireNonNull(key, "key");
        }
    }

    /**
     * Says the request must be refused, and how to answer it.
     *
     * @param status the HTTP status, {@code 403} for every denial today
     * @param errorType the value for the {@code x-amzn-ErrorType} header, {@code ForbiddenException} today
     * @param message the text for the {@code {"message": ...}} body, worded as AWS words it where AWS has a wording
     */
    record Denied(int status, String errorType, String message) implements Verification {
        /** Checks for null. */
        public Denied {
            requireNonNull(errorType, "errorType");
            requireNonNull(message, "message");
        }
    }
}
