package io.socketway.core;

import java.util.function.BooleanSupplier;

/**
 * Counts work in progress (invocations and queued messages) so that a drain can wait for it. Thread-safe; only
 * {@link #awaitIdle} blocks, and it is called from the shutdown thread, never from an event loop.
 */
final class InFlight {
    private int count;

    synchronized void enter() {
        count++;
    }

    synchronized void exit() {
        if (--count == 0) {
            notifyAll();
        }
    }

    /** Waits until no work is in progress and {@code alsoDone} holds, or the deadline ({@link System#nanoTime}). */
    synchronized boolean awaitIdle(long deadlineNanos, BooleanSupplier alsoDone) {
        while (count > 0 || !alsoDone.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
