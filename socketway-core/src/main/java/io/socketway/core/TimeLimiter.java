package io.socketway.core;

import io.socketway.api.spi.GatewayObserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Runs blocking calls with a deadline and an optional concurrency cap. A call that overruns is interrupted and reported
 * as {@link IntegrationException.Kind#TIMEOUT}; a call over the cap fails at once with
 * {@link IntegrationException.Kind#THROTTLED}, as Lambda throttles synchronous invocations.
 *
 * <p>Threading: thread-safe; {@link #call} blocks its (virtual) caller and runs the work on another virtual thread,
 * which gets the caller's SLF4J MDC (the request id), so what the function logs carries it.
 */
final class TimeLimiter {
    private final ExecutorService executor;
    private final @Nullable Semaphore permits;
    private final GatewayObserver observer;
    private final String function;

    TimeLimiter(ExecutorService executor, int maxConcurrency) {
        this(executor, maxConcurrency, GatewayObserver.NOOP, "");
    }

    /** Creates a limiter that reports each call of {@code function} to {@code observer} (the in-flight gauge). */
    TimeLimiter(ExecutorService executor, int maxConcurrency, GatewayObserver observer, String function) {
        this.executor = executor;
        this.permits = maxConcurrency >= 0 ? new Semaphore(maxConcurrency) : null;
        this.observer = observer;
        this.function = function;
    }

    <T> T call(String what, Duration timeout, Callable<T> work) throws IntegrationException {
        if (permits != null && !permits.tryAcquire()) {
            throw new IntegrationException(IntegrationException.Kind.THROTTLED,
                    what + ": throttled (ReservedConcurrentExecutions reached)");
        }
        observer.functionStarted(function);
        try {
            Future<T> future = executor.submit(withCallersMdc(work));
            return await(what, timeout, future);
        } finally {
            observer.functionFinished(function);
            if (permits != null) {
                permits.release();
            }
        }
    }

    private static <T> Callable<T> withCallersMdc(Callable<T> work) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        if (mdc == null || mdc.isEmpty()) {
            return work;
        }
        return () -> {
            MDC.setContextMap(mdc);
            try {
                return work.call();
            } finally {
                MDC.clear();
            }
        };
    }

    private static <T> T await(String what, Duration timeout, Future<T> future) throws IntegrationException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT,
                    what + ": timed out after " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IntegrationException ie) {
                throw ie;
            }
            throw new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, what + ": " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT, what + ": interrupted", e);
        }
    }
}
