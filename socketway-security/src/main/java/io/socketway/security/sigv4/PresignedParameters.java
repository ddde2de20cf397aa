package io.socketway.security.sigv4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Holds the query-string form of SigV4 ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
 * {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}, {@code X-Amz-Security-Token}) and the
 * request's other parameters. Parameter names are matched exactly, as AWS matches them.
 *
 * @param others every parameter that is not one of the seven above, decoded, in received order
 */
record PresignedParameters(
        String algorithm,
        String credential,
        String date,
        @Nullable String expires,
        String signedHeaders,
        String signature,
        @Nullable String securityToken,
        List<Map.Entry<String, String>> others) {

    static final String ALGORITHM = "X-Amz-Algorithm";
    static final String CREDENTIAL = "X-Amz-Credential";
    static final String DATE = "X-Amz-Date";
    static final String EXPIRES = "X-Amz-Expires";
    static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String SIGNATURE = "X-Amz-Signature";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";

    private static final Set<String> AUTH = Set.of(ALGORITHM, CREDENTIAL, DATE, EXPIRES, SIGNED_HEADERS, SIGNATURE);
    private static final List<String> REQUIRED = List.of(ALGORITHM, CREDENTIAL, SIGNATURE, SIGNED_HEADERS, DATE);

    /** Tells whether the query carries any SigV4 parameter other than the session token. */
    static boolean present(List<Map.Entry<String, String>> parameters) {
        return parameters.stream().anyMatch(parameter -> AUTH.contains(parameter.getKey()));
    }

    /** Splits the parameters, or throws a denial naming every missing one (AWS's wording) or the first repeated one. */
    static PresignedParameters parse(List<Map.Entry<String, String>> parameters) {
        Map<String, String> auth = new HashMap<>(8);
        List<Map.Entry<String, String>> others = new ArrayList<>(parameters.size());
        for (Map.Entry<String, String> parameter : parameters) {
            String name = parameter.getKey();
            if (AUTH.contains(name) || SECURITY_TOKEN.equals(name)) {
                if (auth.putIfAbsent(name, parameter.getValue()) != null) {
                    throw Denials.deny("Query string: '" + name + "' given twice (expected: once)");
                }
            } else {
                others.add(parameter);
            }
        }
        List<String> missing = REQUIRED.stream().filter(name -> auth.getOrDefault(name, "").isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw Denials.missingQueryParts(missing);
        }
        return new PresignedParameters(auth.get(ALGORITHM), auth.get(CREDENTIAL), auth.get(DATE), auth.get(EXPIRES),
                auth.get(SIGNED_HEADERS), auth.get(SIGNATURE), auth.get(SECURITY_TOKEN), List.copyOf(others));
    }
}
