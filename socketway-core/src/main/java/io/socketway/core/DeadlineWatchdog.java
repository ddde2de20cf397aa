package io.socketway.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts threads that run past a deadline: the timeout of a function called inline on its caller's thread
 * ({@link TimeLimiter}). A call registers a {@link Watch} before it starts and finishes it when it returns; one daemon
 * thread looks at the running watches every {@link #TICK_MILLIS} ms and interrupts the thread of each one past its
 * deadline, once. Registering and finishing cost a set insertion and removal, no timer task per call, so a deadline
 * is enforced up to one tick late (Lambda timeouts are whole seconds, API Gateway's at least 50 ms).
 *
 * <p>Threading: thread-safe. {@link #watch} and {@link Watch#finish} run on the calling thread; the watchdog thread
 * sleeps without a tick while nothing is watched, and the first watch wakes it.
 */
final class DeadlineWatchdog {
    /** How often running calls are checked against their deadlines. */
    static final long TICK_MILLIS = 10;
    static final DeadlineWatchdog INSTANCE = new DeadlineWatchdog();

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean idle;

    private DeadlineWatchdog() {
        thread = Thread.ofPlatform().daemon().name("socketway-deadline-watchdog").unstarted(this::run);
        thread.start();
    }

    /** Starts watching the current thread until {@link Watch#finish}: it is interrupted once past the deadline. */
    Watch watch(long deadlineNanos) {
        Watch watch = new Watch(Thread.currentThread(), deadlineNanos);
        running.add(watch);
        if (idle) {
            LockSupport.unpark(thread);
        }
        return watch;
    }

    private void run() {
        while (true) {
            if (running.isEmpty()) {
                idle = true;
                if (running.isEmpty()) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            long now = System.nanoTime();
            for (Watch w : running) {
                if (now - w.deadlineNanos >= 0) {
                    w.expire(now);
                }
            }
        }
    }

    /** One watched call. */
    final class Watch {
        private static final int RUNNING = 0;
        private static final int EXPIRING = 1;
        private static final int EXPIRED = 2;
        private static final int DONE = 3;

        private final Thread thread;
        private final long deadlineNanos;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile long expiredAtNanos;

        private Watch(Thread thread, long deadlineNanos) {
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
        }

        private void expire(long now) {
            if (state.compareAndSet(RUNNING, EXPIRING)) {
                expiredAtNanos = now;
                running.remove(this);
                thread.interrupt();
                state.set(EXPIRED);
            }
        }

        /**
         * Stops watching; returns true when the call finished before its deadline. When it did not, the watchdog's
         * interrupt has been delivered by the time this returns and is cleared from the thread, so it cannot reach
         * whatever the thread runs next.
         */
        boolean finish() {
            if (state.compareAndSet(RUNNING, DONE)) {
                running.remove(this);
                return true;
            }
            while (state.get() == EXPIRING) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            return false;
        }

        /** Returns how long after the interrupt the call returned; only after {@link #finish} returned false. */
        long overrunNanos() {
            return System.nanoTime() - expiredAtNanos;
        }
    }
}
