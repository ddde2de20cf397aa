package io.socketway.security.sigv4;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Holds the parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header.
 *
 * @param algorithm the first token, {@code AWS4-HMAC-SHA256} when valid
 * @param credential the {@code Credential} value, {@code keyid/yyyyMMdd/region/service/aws4_request}
 * @param signedHeaders the {@code SignedHeaders} value, lower-case names joined by {@code ;}
 * @param signature the {@code Signature} value, 64 lower-case hexadecimal digits when valid
 */
record AuthorizationHeader(String algorithm, String credential, String signedHeaders, String signature) {

    /**
     * Splits {@code value} into its parts, or throws the denial AWS gives for the first problem found: a
     * {@code key=value} pair without {@code =}, then every missing part (and a missing date header) at once.
     * Unknown parameters are ignored; a known one given twice is refused.
     */
    static AuthorizationHeader parse(String value, boolean hasDateHeader) {
        String trimmed = value.strip();
        int space = firstWhitespace(trimmed);
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String pair : (space < 0 ? "" : trimmed.substring(space + 1)).split(",")) {
            String item = pair.strip();
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals < 0) {
                throw Denials.missingEqualSign(value);
            }
            String part = item.substring(equals + 1).strip();
            switch (item.substring(0, equals).strip()) {
                case "Credential" -> credential = once("Credential", credential, part);
                case "SignedHeaders" -> signedHeaders = once("SignedHeaders", signedHeaders, part);
                case "Signature" -> signature = once("Signature", signature, part);
                default -> { }
            }
        }
        requireParts(credential, signedHeaders, signature, hasDateHeader);
        return new AuthorizationHeader(algorithm, credential, signedHeaders, signature);
    }

    private static String once(String name, @Nullable String previous, String value) {
        if (previous != null) {
            throw Denials.deny("Authorization header: '" + name + "' given twice (expected: once)");
        }
        return value;
    }

    private static void requireParts(
            @Nullable String credential, @Nullable String signedHeaders, @Nullable String signature, boolean date) {
        List<String> missing = new ArrayList<>(3);
        if (credential == null || credential.isEmpty()) {
            missing.add("Credential");
        }
        if (signature == null || signature.isEmpty()) {
            missing.add("Signature");
        }
        if (signedHeaders == null) {
            missing.add("SignedHeaders");
        }
        if (!missing.isEmpty() || !date) {
            throw Denials.missingHeaderParts(missing, !date);
        }
    }

    private static int firstWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
