package io.socketway.functions.bridge;

import java.util.Map;

/**
 * Answers {@code System.getenv} for function code: the function's class loader rewrites every
 * {@code System.getenv(name)} and {@code System.getenv()} call into these methods, passing the function's key as a
 * constant, so each function sees only its own variables.
 *
 * <p>This class is the only gateway class that function class loaders can see. Its methods are not meant to be called
 * by hand. An unknown key (for example a thread that outlives its function) sees no variables at all, never the host's.
 *
 * <p>Threading: thread-safe and lock-free; each call is one map lookup.
 */
public final class FunctionEnv {
    private FunctionEnv() {}

    /**
     * Returns the value of the variable {@code name} for the function {@code functionKey}, or {@code null} when it is
     * unset, as {@link System#getenv(String)} does.
     *
     * @throws NullPointerException when {@code name} is null, as {@link System#getenv(String)} does
     */
    public static String getenv(String name, String functionKey) {
        return FunctionEnvRegistry.lookup(functionKey).get(name);
    }

    /** Returns the unmodifiable variables of the function {@code functionKey}, as {@link System#getenv()} does. */
    public static Map<String, String> getenv(String functionKey) {
        return FunctionEnvRegistry.lookup(functionKey);
    }
}
