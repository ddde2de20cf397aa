package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Metrics and alarms: whether the node serves Prometheus metrics and where, how alarm periods map to wall time, and
 * where alarm notifications go. Immutable; validated on construction.
 *
 * @param enabled serve {@link #path} and evaluate the template's alarms (default true)
 * @param path where Prometheus scrapes, default {@code /_socketway/metrics}
 * @param alarmsPath where the alarms' states are listed as JSON, default {@code /_socketway/alarms}
 * @param periodUnit how long one second of an alarm's {@code Period} lasts, default 1 s; tests shrink it so that a
 *     60-second period passes in a fraction of a second
 * @param alarmActions webhook URL for each action ARN of {@code AlarmActions}/{@code OKActions}/{@code
 *     InsufficientDataActions}; ARNs without one are logged and skipped
 * @param notificationAttempts how often a webhook is tried before the notification is dropped (default 5)
 * @param retryBackoff the wait before the second attempt; it doubles after each failure (default 1 s)
 * @param listener an address where the metrics page is also served, without authentication, on a listener of its
 *     own (none by default)
 */
public record MetricsSettings(boolean enabled, String path, String alarmsPath, Duration periodUnit,
        Map<String, URI> alarmActions, int notificationAttempts, Duration retryBackoff,
        Optional<InetSocketAddress> listener) {

    /** The defaults: on, {@code /_socketway/metrics} and {@code /_socketway/alarms}, real time, no webhooks. */
    public static final MetricsSettings DEFAULT = new MetricsSettings(true, "/_socketway/metrics",
            "/_socketway/alarms", Duration.ofSeconds(1), Map.of(), 5, Duration.ofSeconds(1), Optional.empty());

    public MetricsSettings {
        checkPath(path, "path");
        checkPath(alarmsPath, "alarmsPath");
        checkArgument(!path.equals(alarmsPath), "alarmsPath: %s (expected: another path than the metrics path)",
                alarmsPath);
        checkArgument(periodUnit.toNanos() > 0, "periodUnit: %s (expected: > 0)", periodUnit);
        alarmActions = Collections.unmodifiableMap(new LinkedHashMap<>(notNull(alarmActions, "alarmActions")));
        alarmActions.forEach((arn, url) -> checkArgument(
                "http".equals(url.getScheme()) || "https".equals(url.getScheme()),
                "alarmActions.%s: %s (expected: an http(s):// webhook URL)", arn, url));
        checkArgument(notificationAttempts >= 1, "notificationAttempts: %s (expected: >= 1)", notificationAttempts);
        checkArgument(!retryBackoff.isNegative(), "retryBackoff: %s (expected: >= 0)", retryBackoff);
        notNull(listener, "listener");
    }

    private static void checkPath(String value, String name) {
        notNull(value, name);
        checkArgument(value.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]") && !value.contains("//")
                        && !value.equals("/_socketway/health") && !value.equals("/_socketway/ready"),
                "%s: %s (expected: an absolute path such as /_socketway/metrics, other than the health paths)", name,
                value);
    }

    /** Returns a copy, on or off. */
    public MetricsSettings withEnabled(boolean value) {
        return new MetricsSettings(value, path, alarmsPath, periodUnit, alarmActions, notificationAttempts,
                retryBackoff, listener);
    }

    /** Returns a copy serving metrics at another path. */
    public MetricsSettings withPath(String value) {
        return new MetricsSettings(enabled, value, alarmsPath, periodUnit, alarmActions, notificationAttempts,
                retryBackoff, listener);
    }

    /** Returns a copy where one second of an alarm period lasts {@code value}. */
    public MetricsSettings withPeriodUnit(Duration value) {
        return new MetricsSettings(enabled, path, alarmsPath, value, alarmActions, notificationAttempts,
                retryBackoff, listener);
    }

    /** Returns a copy with these webhook URLs by action ARN. */
    public MetricsSettings withAlarmActions(Map<String, URI> value) {
        return new MetricsSettings(enabled, path, alarmsPath, periodUnit, value, notificationAttempts, retryBackoff, listener);
    }

    /** Returns a copy with another retry policy for webhooks. */
    public MetricsSettings withRetries(int attempts, Duration backoff) {
        return new MetricsSettings(enabled, path, alarmsPath, periodUnit, alarmActions, attempts, backoff, listener);
    }

    /**
     * Returns a copy that also serves the metrics page, unauthenticated, on a listener of its own at {@code address}
     * (plus {@code /_socketway/health} and {@code /_socketway/ready}), for a Prometheus server that cannot sign
     * requests; the main port keeps protecting it. Bind it to an address only the scraper reaches.
     */
    public MetricsSettings withListener(InetSocketAddress address) {
        return new MetricsSettings(enabled, path, alarmsPath, periodUnit, alarmActions, notificationAttempts,
                retryBackoff, Optional.of(address));
    }
}
