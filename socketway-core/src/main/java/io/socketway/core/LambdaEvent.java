package io.socketway.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One Lambda proxy event, in the two forms functions take: a JSON-shaped tree for a function in this process (no JSON
 * written or parsed), or its JSON for a function called over HTTP (written at most once).
 *
 * <p>The builder gives equal trees on every call (anything random or timed is decided before), so the JSON and
 * every tree say the same.
 *
 * <p>Threading: thread-safe. Each {@link #tree()} is a new tree the callee owns.
 */
final class LambdaEvent {
    private final Supplier<Map<String, Object>> builder;
    private byte @Nullable [] json;
    private @Nullable Map<String, Object> view;

    LambdaEvent(Supplier<Map<String, Object>> builder) {
        this.builder = builder;
    }

    /** Returns a new tree of the event; the caller may hand it to a function that changes it. */
    Map<String, Object> tree() {
        return builder.get();
    }

    /** Returns the event's tree for reading only (never to be changed), built on first use. */
    synchronized Map<String, Object> view() {
        if (view == null) {
            view = builder.get();
        }
        return view;
    }

    /** Returns the event's JSON (UTF-8), written on first use. */
    synchronized byte[] json() {
        if (json == null) {
            try {
                json = Json.MAPPER.writeValueAsBytes(builder.get());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("event not writable as JSON: " + e.getOriginalMessage(), e);
            }
        }
        return json;
    }
}
