package io.socketway.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Holds the node's one Jackson mapper. Thread-safe; configure nothing on it after start-up.
 *
 * <p>Its buffers come from one shared pool: Jackson's default pool is per thread, and every invocation runs on a new
 * virtual thread, so per-thread buffers were allocated for each event and never reused (about two thirds of the bytes
 * the echo path allocated, by JFR).
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    /** Returns a JSON string literal for {@code value}, quotes included. */
    static String quote(String value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns a mutable deep copy of a JSON-shaped value ({@code LinkedHashMap}s, {@code ArrayList}s and scalars);
     * any other value (a date, a bean) is converted as its JSON would read back.
     */
    static @Nullable Object copyTree(@Nullable Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                copy.put(String.valueOf(e.getKey()), copyTree(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(copyTree(item));
            }
            return copy;
        }
        return MAPPER.convertValue(value, Object.class);
    }

    /** Returns the JSON text of a JSON-shaped value. */
    static String write(@Nullable Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-shaped: " + e.getOriginalMessage(), e);
        }
    }
}
