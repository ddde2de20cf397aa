package io.socketway.core;

/**
 * Limits a rate: {@code rate} tokens per second, at most {@code burst} saved up. Thread-safe (synchronized; each
 * bucket is touched by few threads).
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    /** Creates a full bucket. */
    public TokenBucket(double ratePerSecond, double burst) {
        this.perNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
