package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;

/**
 * Limits that protect the node from floods. A rate of 0 switches that limit off.
 *
 * @param connectsPerSecond new connections per second for the whole node (token bucket with a burst of the same
 *     size); over it the handshake gets 429. AWS's default: 500 per second per account and region
 * @param connectsPerSecondPerIp new connections per second from one source address; 0 = off (default)
 * @param connectionsPerIp open connections from one source address; 0 = off (default)
 * @param messagesPerSecond messages per second from one connection (burst twice that); over it the client gets a
 *     throttling error frame and the message is not dispatched. Default 1000
 * @param violationsBeforeClose throttled messages after which the connection is closed with 1008. Default 100
 */
public record RateLimits(
        int connectsPerSecond, int connectsPerSecondPerIp, int connectionsPerIp, int messagesPerSecond,
        int violationsBeforeClose) {

    /** The defaults: 500 connects/s (AWS), no per-address limits, 1000 messages/s per connection, 100 violations. */
    public static final RateLimits DEFAULT = new RateLimits(500, 0, 0, 1000, 100);

    /** No limits at all (benchmarks, tests). */
    public static final RateLimits OFF = new RateLimits(0, 0, 0, 0, 0);

    public RateLimits {
        checkArgument(connectsPerSecond >= 0, "connectsPerSecond: %s (expected: >= 0)", connectsPerSecond);
        checkArgument(connectsPerSecondPerIp >= 0, "connectsPerSecondPerIp: %s (expected: >= 0)",
                connectsPerSecondPerIp);
        checkArgument(connectionsPerIp >= 0, "connectionsPerIp: %s (expected: >= 0)", connectionsPerIp);
        checkArgument(messagesPerSecond >= 0, "messagesPerSecond: %s (expected: >= 0)", messagesPerSecond);
        checkArgument(violationsBeforeClose >= 0, "violationsBeforeClose: %s (expected: >= 0)",
                violationsBeforeClose);
    }
}
