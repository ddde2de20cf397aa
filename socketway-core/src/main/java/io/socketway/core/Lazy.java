package io.socketway.core;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value computed on first use and then kept, for start-up work that many configurations never need (the HTTP
 * client of HTTP integrations, for instance).
 *
 * <p>Threading: thread-safe; the value is computed at most once, by the first caller, while later callers wait.
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile @Nullable T value;

    private Lazy(Supplier<T> factory) {
        this.factory = factory;
    }

    /** Returns a supplier that calls {@code factory} once, on the first {@link #get}. */
    static <T> Lazy<T> of(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = factory.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
