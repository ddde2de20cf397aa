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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs blocking calls with a deadline and an optional concurrency cap. A call that overruns is interrupted and reported
 * as {@link IntegrationException.Kind#TIMEOUT}; a call over the cap fails at once with
 * {@link IntegrationException.Kind#THROTTLED}, as Lambda throttles synchronous invocations.
 *
 * <p>A virtual caller (a connection's work queue, a handshake) runs the work <em>inline</em>, on its own thread, and the
 * {@link DeadlineWatchdog} interrupts it at the deadline: that saves a second virtual thread and two hand-offs per
 * call (7-10 µs of server CPU per echoed message, measured in BENCHMARKS.md's breakdown). A function that ignores the interrupt holds its
 * caller until it returns; its late result is discarded as a timeout, and from then on that function's calls run
 * <em>isolated</em> on a virtual thread of their own, as every call from a platform thread does, so that its caller
 * gets the timeout on time whatever the function does. A Lambda function cannot outlive its timeout on AWS; here an
 * isolated function that ignores interrupts keeps its thread until it returns. The system property
 * {@code socketway.isolateFunctions=true} isolates every function from the start.
 *
 * <p>Threading: thread-safe; {@link #call} blocks its caller. An isolated call's thread gets the caller's SLF4J MDC
 * (the request id), so what the function logs carries it; an inline call already runs under it.
 */
final class TimeLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(TimeLimiter.class);
    /** How long past its interrupt a call may return before its function counts as ignoring interrupts. */
    static final long IGNORED_INTERRUPT_MILLIS = 100;
    /** {@code -Dsocketway.isolateFunctions=true} runs every call isolated, as before inline calls existed. */
    private static final boolean ISOLATE_ALL = Boolean.getBoolean("socketway.isolateFunctions");
    private final ExecutorService executor;
    private final @Nullable Semaphore permits;
    private final GatewayObserver observer;
    private final String function;
    private volatile boolean isolated = ISOLATE_ALL;

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
            if (!isolated && Thread.currentThread().isVirtual()) {
                return inline(what, timeout, work);
            }
            Future<T> future = executor.submit(withCallersMdc(work));
            return await(what, timeout, future);
        } finally {
            observer.functionFinished(function);
            if (permits != null) {
                permits.release();
            }
        }
    }

    /** Returns true once a call of this function ignored its timeout's interrupt; its calls then run isolated. */
    boolean isolated() {
        return isolated;
    }

    private <T> T inline(String what, Duration timeout, Callable<T> work) throws IntegrationException {
        if (Thread.currentThread().isInterrupted()) {
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT, what + ": interrupted");
        }
        DeadlineWatchdog.Watch watch = DeadlineWatchdog.INSTANCE.watch(System.nanoTime() + timeout.toNanos());
        T result = null;
        Throwable failure = null;
        try {
            result = work.call();
        } catch (Throwable e) {
            failure = e;
        }
        if (!watch.finish()) {
            long lateMillis = TimeUnit.NANOSECONDS.toMillis(watch.overrunNanos());
            if (lateMillis > IGNORED_INTERRUPT_MILLIS && !isolated) {
                isolated = true;
                LOG.warn("Function {} ran {} ms past its {} ms timeout: it ignored the interrupt. Its calls now run on"
                        + " a thread of their own, so that its callers get the timeout on time", function,
                        lateMillis, timeout.toMillis());
            }
            throw timedOut(what, timeout, failure);
        }
        if (failure == null) {
            return result;
        }
        throw failed(what, failure);
    }

    private static IntegrationException timedOut(String what, Duration timeout, @Nullable Throwable cause) {
        return new IntegrationException(IntegrationException.Kind.TIMEOUT,
                what + ": timed out after " + timeout.toMillis() + " ms", cause);
    }

    /** The function's own failure: an integration failure as it is, anything else a function error. */
    private static IntegrationException failed(String what, Throwable cause) {
        return cause instanceof IntegrationException ie ? ie
                : new IntegrationException(IntegrationException.Kind.FUNCTION_ERROR, what + ": " + cause, cause);
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
            throw timedOut(what, timeout, e);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IntegrationException(IntegrationException.Kind.TIMEOUT, what + ": interrupted", e);
        }
    }
}
