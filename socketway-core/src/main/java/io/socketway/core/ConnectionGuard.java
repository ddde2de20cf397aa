package io.socketway.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Admits new connections under {@link RateLimits}: a node-wide connect rate, a per-address connect rate, and a cap on
 * open connections per address. Per-address state expires when an address goes quiet, so memory stays bounded.
 *
 * <p>Threading: thread-safe; never blocks.
 */
final class ConnectionGuard {
    static final String TOO_MANY = "{\"message\":\"Too Many Requests\"}";

    private final RateLimits limits;
    private final @Nullable TokenBucket global;
    private final Cache<String, TokenBucket> perIp = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1))
            .maximumSize(1_000_000)
            .build();
    private final ConcurrentHashMap<String, AtomicInteger> openPerIp = new ConcurrentHashMap<>();

    ConnectionGuard(RateLimits limits) {
        this.limits = limits;
        this.global = limits.connectsPerSecond() > 0
                ? new TokenBucket(limits.connectsPerSecond(), limits.connectsPerSecond())
                : null;
    }

    /** Returns true and counts the connection when {@code ip} may open one now; false means 429. */
    boolean admit(String ip) {
        if (global != null && !global.tryAcquire()) {
            return false;
        }
        int rate = limits.connectsPerSecondPerIp();
        if (rate > 0 && !perIp.get(ip, k -> new TokenBucket(rate, rate)).tryAcquire()) {
            return false;
        }
        if (limits.connectionsPerIp() == 0) {
            return true;
        }
        AtomicInteger open = openPerIp.computeIfAbsent(ip, k -> new AtomicInteger());
        if (open.incrementAndGet() > limits.connectionsPerIp()) {
            release(ip);
            return false;
        }
        return true;
    }

    /** Forgets one connection of {@code ip} (refused after admission, or closed). */
    void release(String ip) {
        if (limits.connectionsPerIp() == 0) {
            return;
        }
        openPerIp.computeIfPresent(ip, (k, open) -> open.decrementAndGet() <= 0 ? null : open);
    }
}
