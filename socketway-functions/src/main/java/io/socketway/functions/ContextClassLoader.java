package io.socketway.functions;

import java.util.function.Supplier;

/**
 * Runs code with a function's class loader as the thread's context class loader, as Lambda's runtime does.
 *
 * <p>Threading: affects only the calling thread, and restores its previous context class loader.
 */
final class ContextClassLoader {
    private ContextClassLoader() {}

    /** Returns what {@code body} returns, with {@code loader} as context class loader meanwhile. */
    static <T> T call(ClassLoader loader, Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
