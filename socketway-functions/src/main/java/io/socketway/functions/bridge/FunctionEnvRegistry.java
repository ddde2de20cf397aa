package io.socketway.functions.bridge;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds the environment of every deployed function, by function key, for {@link FunctionEnv}.
 *
 * <p>Function class loaders do not delegate this class to the gateway, so function code cannot link to it; only the
 * runtime registers and removes environments.
 *
 * <p>Threading: thread-safe.
 */
public final class FunctionEnvRegistry {
    private static final Map<String, Map<String, String>> ENVIRONMENTS = new ConcurrentHashMap<>();

    private FunctionEnvRegistry() {}

    /** Makes {@code variables} the environment that code of the function {@code functionKey} sees. */
    public static void register(String functionKey, Map<String, String> variables) {
        ENVIRONMENTS.put(requireNonNull(functionKey, "functionKey"), Map.copyOf(variables));
    }

    /** Forgets the environment of the function {@code functionKey}; later lookups see no variables. */
    public static void unregister(String functionKey) {
        ENVIRONMENTS.remove(requireNonNull(functionKey, "functionKey"));
    }

    static Map<String, String> lookup(String functionKey) {
        return ENVIRONMENTS.getOrDefault(functionKey, Map.of());
    }
}
