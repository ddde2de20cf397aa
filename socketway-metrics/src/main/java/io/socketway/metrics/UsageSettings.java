package io.socketway.metrics;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Usage metering and the cost report: where the report is served, how often counts are written to the store, how many
 * hours are kept, and the prices. Immutable; validated on construction.
 *
 * @param enabled meter usage and serve {@link #path} (default true)
 * @param path where {@code GET} returns the usage report, default {@code /_socketway/usage}
 * @param file the JSON snapshot file of a single node; empty keeps counts in memory only (lost at exit)
 * @param flushInterval how often the node's counts are written to the store (file or Redis), default 10 s
 * @param hours how many UTC hour buckets the report lists, default 48 (the current hour included)
 * @param prices what the traffic would cost on AWS
 */
public record UsageSettings(boolean enabled, String path, Optional<Path> file, Duration flushInterval, int hours,
        Prices prices) {

    /** The defaults: on, {@code /_socketway/usage}, in memory, every 10 s, 48 hours, us-east-1 prices. */
    public static final UsageSettings DEFAULT = new UsageSettings(true, "/_socketway/usage", Optional.empty(),
            Duration.ofSeconds(10), 48, Prices.DEFAULT);

    public UsageSettings {
        notNull(path, "path");
        checkArgument(path.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]"),
                "path: %s (expected: an absolute path such as /_socketway/usage)", path);
        notNull(file, "file");
        checkArgument(flushInterval.toMillis() > 0, "flushInterval: %s (expected: > 0)", flushInterval);
        checkArgument(hours >= 1 && hours <= 24 * 31, "hours: %s (expected: 1 to 744)", hours);
        notNull(prices, "prices");
    }

    /** Returns a copy, on or off. */
    public UsageSettings withEnabled(boolean value) {
        return new UsageSettings(value, path, file, flushInterval, hours, prices);
    }

    /** Returns a copy that keeps counts in {@code value} across restarts. */
    public UsageSettings withFile(Path value) {
        return new UsageSettings(enabled, path, Optional.of(value), flushInterval, hours, prices);
    }

    /** Returns a copy flushing every {@code value}. */
    public UsageSettings withFlushInterval(Duration value) {
        return new UsageSettings(enabled, path, file, value, hours, prices);
    }

    /** Returns a copy with other prices. */
    public UsageSettings withPrices(Prices value) {
        return new UsageSettings(enabled, path, file, flushInterval, hours, value);
    }
}
