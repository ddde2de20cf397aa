package io.socketway.api;

import java.util.Objects;

/** Argument checks that produce messages in the form {@code name: value (expected: ...)}. */
public final class Checks {
    private Checks() {}

    /** Throws {@link IllegalArgumentException} with the formatted message when {@code condition} is false. */
    public static void checkArgument(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }

    /** Returns {@code value}, or throws {@link NullPointerException} naming {@code name}. */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
