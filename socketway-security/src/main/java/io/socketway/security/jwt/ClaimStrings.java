package io.socketway.security.jwt;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Spells claim values the way API Gateway's HTTP APIs put them in {@code requestContext.authorizer.jwt.claims}:
 * strings all. Arrays and objects follow Go's {@code %v}, which is what API Gateway was seen to produce
 * ({@code "[a b]"}, {@code "map[k:v]"}); see {@link JwtResult.Valid}.
 */
final class ClaimStrings {
    /** How deep arrays and objects are spelled out; deeper ones print {@code ...}, so no payload exhausts the stack. */
    static final int MAX_DEPTH = 32;

    private ClaimStrings() {}

    /** Returns the stringified claims of a raw JSON payload, in the payload's order, without null claims. */
    static Map<String, Object> of(Map<String, @Nullable Object> payload) {
        Map<String, Object> claims = new LinkedHashMap<>();
        payload.forEach((name, value) -> {
            if (value != null) {
                claims.put(name, spell(value, 0));
            }
        });
        return claims;
    }

    static String spell(@Nullable Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return "...";
        }
        return switch (value) {
            case null -> "<nil>";
            case String string -> string;
            case Double number -> spell(number.doubleValue());
            case Float number -> spell(number.doubleValue());
            case Number number -> number.toString();
            case List<?> list -> list.stream().map(item -> spell(item, depth + 1))
                    .collect(Collectors.joining(" ", "[", "]"));
            case Map<?, ?> map -> new TreeMap<>(map).entrySet().stream()
                    .map(entry -> entry.getKey() + ":" + spell(entry.getValue(), depth + 1))
                    .collect(Collectors.joining(" ", "map[", "]"));
            default -> value.toString();
        };
    }

    private static String spell(double number) {
        return Double.isFinite(number) ? BigDecimal.valueOf(number).toPlainString() : Double.toString(number);
    }
}
