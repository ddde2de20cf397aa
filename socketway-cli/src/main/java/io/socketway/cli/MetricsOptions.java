package io.socketway.cli;

import io.socketway.core.MetricsSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of {@code socketway run} for Prometheus metrics and the template's alarms. */
final class MetricsOptions {

    @Option(names = "--metrics-path", defaultValue = "/_socketway/metrics",
            description = "Where Prometheus scrapes the node's metrics; protected like @connections (loopback, or"
                    + " SigV4 with --access-key) (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Also serve the metrics page, without authentication, on a port of its own (with health"
                    + " and readiness, nothing else), for a Prometheus server that cannot sign requests.")
    Integer port;

    @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
            description = "Address the --metrics-port listener binds (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--no-metrics", defaultValue = "false",
            description = "Serve no metrics and evaluate no alarms (default: ${DEFAULT-VALUE}).")
    boolean disabled;

    @Option(names = "--alarm-action", paramLabel = "ARN=URL",
            description = "Webhook receiving the CloudWatch-shaped notification for an alarm action ARN of the"
                    + " template (AlarmActions, OKActions, InsufficientDataActions) (repeatable).")
    List<String> actions = List.of();

    /** Returns the settings these options give. */
    MetricsSettings settings() {
        Map<String, URI> webhooks = new LinkedHashMap<>();
        for (String action : actions) {
            int eq = action.indexOf("=http");
            if (eq <= 0) {
                throw new IllegalArgumentException("--alarm-action: " + action
                        + " (expected: ARN=URL, such as arn:aws:sns:us-east-1:123456789012:ops=https://hooks.example/ops)");
            }
            webhooks.put(action.substring(0, eq), URI.create(action.substring(eq + 1)));
        }
        MetricsSettings settings = MetricsSettings.DEFAULT.withEnabled(!disabled).withPath(path)
                .withAlarmActions(webhooks);
        if (port == null) {
            return settings;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics-port: " + port + " (expected: 0 to 65535)");
        }
        return settings.withListener(java.net.InetSocketAddress.createUnresolved(host, port));
    }
}
