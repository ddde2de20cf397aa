package io.socketway.security.sigv4;

/**
 * Carries a {@link Verification.Denied} out of the parsing and checking steps to {@link SigV4Verifier}, which turns it
 * back into a return value. It has no stack trace, so throwing it costs about as much as returning.
 */
final class DeniedException extends RuntimeException {

    private final transient Verification.Denied denied;

    DeniedException(Verification.Denied denied) {
        super(denied.message(), null, false, false);
        this.denied = denied;
    }

    Verification.Denied denied() {
        return denied;
    }
}
