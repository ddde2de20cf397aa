package io.socketway.core;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates ids in AWS's format: 16 characters of URL-safe base64 with one {@code =} pad (11 random bytes), for example
 * {@code TXzPWdnOjoECGjA=}. Thread-safe.
 */
final class Ids {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder();
    private static final SecureRandom SECURE = new SecureRandom();

    private Ids() {}

    /**
     * Returns a new unguessable connection id. It never starts with {@code -}, so that it can be pasted after a
     * command-line option such as the AWS CLI's {@code --connection-id}.
     */
    static String connectionId() {
        byte[] bytes = new byte[11];
        String id;
        do {
            SECURE.nextBytes(bytes);
            id = ENCODER.encodeToString(bytes);
        } while (id.charAt(0) == '-');
        return id;
    }

    /** Returns a new request or message id (unique, not secret). */
    static String requestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Returns true when {@code id} has the shape of an id this class creates. */
    static boolean isWellFormed(String id) {
        return id.length() == 16 && id.charAt(15) == '=' && id.chars().limit(15).allMatch(Ids::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
