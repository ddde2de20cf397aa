package io.socketway.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates an authorizer's {@code policyDocument} for one method ARN, as IAM does: an explicit {@code Deny} wins, then
 * an {@code Allow} whose {@code Action} and {@code Resource} match (wildcards {@code *} and {@code ?}); otherwise the
 * request is denied. Stateless.
 */
final class IamPolicy {
    private IamPolicy() {}

    /** Returns true when the policy allows {@code execute-api:Invoke} on {@code methodArn}. */
    static boolean allows(JsonNode policy, String methodArn) {
        boolean allowed = false;
        for (JsonNode statement : items(policy.get("Statement"))) {
            if (!matchesAny(items(statement.get("Action")), "execute-api:Invoke", true)
                    || !matchesAny(items(statement.get("Resource")), methodArn, false)) {
                continue;
            }
            String effect = statement.path("Effect").asText("");
            if (effect.equalsIgnoreCase("Deny")) {
                return false;
            }
            allowed |= effect.equalsIgnoreCase("Allow");
        }
        return allowed;
    }

    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    private static boolean matchesAny(List<JsonNode> patterns, String value, boolean ignoreCase) {
        for (JsonNode pattern : patterns) {
            if (pattern.isTextual() && wildcard(pattern.asText(), value, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    /** Matches IAM wildcards: {@code *} any run of characters, {@code ?} any one character. */
    static boolean wildcard(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
