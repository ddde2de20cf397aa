package io.socketway.security.sigv4;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Holds everything a signature is computed from, after the request has been parsed and checked.
 *
 * @param method the HTTP method as received
 * @param rawPath the path as received, still percent-encoded
 * @param query the decoded query parameters that the signature covers (for the query form, without the SigV4 ones)
 * @param signedHeaders the header names the client listed, as listed
 * @param headerValues each signed header's values in received order, keyed by lower-case name
 * @param body the request body
 * @param amzDate the signing time, {@code yyyyMMdd'T'HHmmss'Z'}
 * @param scope the credential scope the client signed for, already checked
 * @param key the key named by the scope
 * @param sessionToken the signed {@code X-Amz-Security-Token}, or null
 */
record SigningInput(
        String method,
        String rawPath,
        List<Map.Entry<String, String>> query,
        List<String> signedHeaders,
        Map<String, List<String>> headerValues,
        byte[] body,
        String amzDate,
        CredentialScope scope,
        AccessKey key,
        @Nullable String sessionToken) {

    /**
     * Splits a {@code SignedHeaders} value, or throws a denial when a name is empty, repeated or contains white space.
     */
    static List<String> parseSignedHeaders(String value) {
        List<String> names = List.of(value.split(";", -1));
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':') || !seen.add(name)) {
                throw Denials.deny("SignedHeaders: '" + Denials.echo(value)
                        + "' (expected: distinct header names separated by ';')");
            }
        }
        return names;
    }

    /**
     * Returns the values of every signed header in received order, keyed by lower-case name, or throws the
     * signature-mismatch denial when a signed header is absent: the client signed something that did not arrive.
     */
    static Map<String, List<String>> signedHeaderValues(SignedRequest request, List<String> signedHeaders) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String name : signedHeaders) {
            values.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(1));
        }
        for (Map.Entry<String, String> header : request.headers()) {
            List<String> list = values.get(header.getKey().toLowerCase(Locale.ROOT));
            if (list != null) {
                list.add(header.getValue());
            }
        }
        if (values.values().stream().anyMatch(List::isEmpty)) {
            throw Denials.deny(Denials.SIGNATURE_MISMATCH);
        }
        return values;
    }
}
