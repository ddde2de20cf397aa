package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * Function calls with a deadline: results, failures, throttling, and timeouts of functions that honour the interrupt
 * and of functions that ignore it, called from virtual threads as the gateway calls them.
 */
@Timeout(60)
class TimeLimiterTest {
    private static final Duration SHORT = Duration.ofMillis(200);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        executor.shutdownNow();
    }

    /** Runs {@code call} on a new virtual thread, as a connection's work queue does, and returns its outcome. */
    private <T> CompletableFuture<T> fromVirtualThread(Callable<T> call) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        return outcome;
    }

    private static IntegrationException failure(CompletableFuture<?> outcome) throws InterruptedException {
        try {
            outcome.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IntegrationException.class);
            return (IntegrationException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call did not end within 20 s", e);
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void returnsTheResultAndTheFunctionLogsUnderTheCallersRequestId() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, -1);
        String result = fromVirtualThread(() -> {
            MDC.put("requestId", "req-1");
            try {
                return limiter.call("function f", Duration.ofSeconds(3), () -> "ok " + MDC.get("requestId"));
            } finally {
                MDC.clear();
            }
        }).get(20, TimeUnit.SECONDS);
        assertThat(result).isEqualTo("ok req-1");
    }

    @Test
    void aFailingFunctionIsAFunctionErrorAndAnIntegrationFailurePassesThrough() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, -1);
        IntegrationException error = failure(fromVirtualThread(() -> limiter.call("function f", SHORT, () -> {
            throw new IllegalStateException("boom");
        })));
        assertThat(error.kind()).isEqualTo(IntegrationException.Kind.FUNCTION_ERROR);
        assertThat(error).hasMessageContaining("function f").hasMessageContaining("boom");

        IntegrationException own = new IntegrationException(IntegrationException.Kind.BACKEND_UNREACHABLE, "down");
        assertThat(failure(fromVirtualThread(() -> limiter.call("function f", SHORT, () -> {
            throw own;
        })))).isSameAs(own);
    }

    @Test
    void aCallOverTheReservedConcurrencyIsThrottled() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = fromVirtualThread(() -> limiter.call("function f", Duration.ofSeconds(30),
                () -> {
                    running.countDown();
                    release.await();
                    return "first";
                }));
        assertThat(running.await(20, TimeUnit.SECONDS)).isTrue();
        IntegrationException throttled = failure(fromVirtualThread(() -> limiter.call("function f", SHORT,
                () -> "second")));
        assertThat(throttled.kind()).isEqualTo(IntegrationException.Kind.THROTTLED);
        release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("first");
    }

    @Test
    void aFunctionPastItsTimeoutIsInterruptedAndTheCallerCarriesOnUninterrupted() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, -1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CompletableFuture<String> afterwards = new CompletableFuture<>();
        IntegrationException timeout = failure(fromVirtualThread(() -> {
            try {
                return limiter.call("function f", SHORT, () -> {
                    try {
                        never.await();
                        return "not reached";
                    } catch (InterruptedException e) {
                        seen.set(e);
                        throw e;
                    }
                });
            } finally {
                // What the caller's thread runs next (the connection's next message) must not see the interrupt.
                try {
                    Thread.sleep(5);
                    afterwards.complete(limiter.call("function f", SHORT, () -> "next"));
                } catch (Throwable e) {
                    afterwards.completeExceptionally(e);
                }
            }
        }));
        assertThat(timeout.kind()).isEqualTo(IntegrationException.Kind.TIMEOUT);
        assertThat(timeout).hasMessage("function f: timed out after 200 ms");
        assertThat(seen.get()).isInstanceOf(InterruptedException.class);
        assertThat(afterwards.get(20, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(limiter.isolated()).isFalse();
    }

    @Test
    void anInterruptTheFunctionNeverLookedAtDoesNotReachTheCallersNextWork() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, -1);
        CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
        IntegrationException timeout = failure(fromVirtualThread(() -> {
            try {
                return limiter.call("function f", SHORT, () -> {
                    long end = System.nanoTime() + SHORT.toNanos() + TimeUnit.MILLISECONDS.toNanos(100);
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait(); // computes past the deadline, never blocking, so the flag stays set
                    }
                    return "late";
                });
            } finally {
                interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
            }
        }));
        assertThat(timeout.kind()).isEqualTo(IntegrationException.Kind.TIMEOUT);
        assertThat(interruptedAfterwards.get(20, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aFunctionThatIgnoresTheInterruptIsIsolatedSoItsNextCallersGetTheTimeoutOnTime() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, -1);
        CountDownLatch interrupted1 = new CountDownLatch(1);
        CountDownLatch release1 = new CountDownLatch(1);
        CompletableFuture<String> first = fromVirtualThread(() -> limiter.call("function f", SHORT,
                () -> ignoringInterrupts(interrupted1, release1)));
        assertThat(interrupted1.await(20, TimeUnit.SECONDS)).isTrue();
        // Called inline, the caller is held until the function returns.
        assertThat(first).isNotDone();
        release1.countDown();
        IntegrationException late = failure(first);
        assertThat(late.kind()).isEqualTo(IntegrationException.Kind.TIMEOUT);
        assertThat(limiter.isolated()).isTrue();

        CountDownLatch interrupted2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        try {
            IntegrationException onTime = failure(fromVirtualThread(() -> limiter.call("function f", SHORT,
                    () -> ignoringInterrupts(interrupted2, release2))));
            assertThat(onTime.kind()).isEqualTo(IntegrationException.Kind.TIMEOUT);
            assertThat(release2.getCount()).as("the function is still running").isEqualTo(1);
        } finally {
            release2.countDown();
        }
    }

    @Test
    void aCallFromAPlatformThreadRunsWithItsDeadline() throws Exception {
        TimeLimiter limiter = new TimeLimiter(executor, -1);
        assertThat(limiter.call("function f", SHORT, () -> "ok")).isEqualTo("ok");
        IntegrationException timeout = org.assertj.core.api.Assertions.catchThrowableOfType(
                IntegrationException.class, () -> limiter.call("function f", SHORT, () -> {
                    never.await();
                    return "not reached";
                }));
        assertThat(timeout.kind()).isEqualTo(IntegrationException.Kind.TIMEOUT);
    }

    /**
     * Waits for {@code release} and until {@link TimeLimiter#IGNORED_INTERRUPT_MILLIS} plus 200 ms have passed since
     * the first interrupt, swallowing interrupts (after signalling the first one); then returns "late".
     */
    private static String ignoringInterrupts(CountDownLatch interrupted, CountDownLatch release) {
        long interruptedAt = 0;
        while (true) {
            try {
                release.await();
                long past = interruptedAt == 0 ? 0 : (System.nanoTime() - interruptedAt) / 1_000_000;
                long more = TimeLimiter.IGNORED_INTERRUPT_MILLIS + 200 - past;
                if (interruptedAt == 0 || more <= 0) {
                    return "late";
                }
                Thread.sleep(more);
            } catch (InterruptedException e) {
                if (interruptedAt == 0) {
                    interruptedAt = System.nanoTime();
                }
                interrupted.countDown();
            }
        }
    }
}
