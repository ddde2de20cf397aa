package io.socketway.security.sigv4;

/**
 * Holds the five parts of a SigV4 credential, {@code keyid/yyyyMMdd/region/service/aws4_request}.
 *
 * @param accessKeyId the key id, looked up among the configured keys
 * @param date the day the signing key was derived for, {@code yyyyMMdd}
 * @param region the region the client signed for
 * @param service the service the client signed for
 * @param terminator always {@code aws4_request} when valid
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    static final String SERVICE = "execute-api";
    static final String TERMINATOR = "aws4_request";

    /** Splits {@code credential} into its parts, or throws a denial unless there are exactly five. */
    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw Denials.badCredential(credential);
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /**
     * Throws one denial that lists every part of the scope that does not match, in AWS's order and wording, or
     * returns when region, service, terminator and day all match.
     */
    void check(String expectedRegion, String amzDate) {
        StringBuilder problems = new StringBuilder();
        if (!region.equals(expectedRegion)) {
            problems.append(Denials.wrongRegion(region));
        }
        if (!service.equals(SERVICE)) {
            problems.append(Denials.wrongService(SERVICE));
        }
        if (!terminator.equals(TERMINATOR)) {
            problems.append(Denials.wrongTerminator(terminator));
        }
        if (!amzDate.startsWith(date) || date.length() != 8) {
            problems.append(Denials.wrongScopeDate(date, amzDate));
        }
        if (!problems.isEmpty()) {
            throw Denials.deny(problems.toString());
        }
    }

    /** Returns the scope without the key id, as it appears in the string to sign. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}
