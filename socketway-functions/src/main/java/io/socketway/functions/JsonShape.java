package io.socketway.functions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether a handler's output is already a JSON-shaped tree that its JSON serialization would read back
 * unchanged, so the in-process path can hand it to the gateway without writing and parsing JSON.
 *
 * <p>Stateless and thread-safe.
 */
final class JsonShape {
    private static final int MAX_DEPTH = 32;

    private JsonShape() {}

    /**
     * Returns true for {@code null}, {@code String}, {@code Boolean}, the standard boxed numbers, and maps with
     * string keys and lists built of those. A map holding a {@code null} value is not: serialization leaves such
     * entries out (the codec includes non-null values only), so it must go through the codec.
     */
    static boolean isJsonShaped(@Nullable Object value) {
        return isJsonShaped(value, 0);
    }

    private static boolean isJsonShaped(@Nullable Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return true;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || e.getValue() == null || !isJsonShaped(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isJsonShaped(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
