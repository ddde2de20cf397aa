package io.socketway.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

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
}
