package io.socketway.cli;

import io.socketway.core.RateLimits;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options of {@code socketway run} that protect the node: browser origins and flood limits. */
final class ProtectionOptions {

    @Option(names = "--allowed-origin", paramLabel = "[STAGE=]ORIGIN",
            description = "Browser origin allowed to connect, e.g. https://app.example.com or dev=http://localhost:3000"
                    + " (repeatable; without STAGE= for every stage). When any is set, a handshake with another"
                    + " Origin gets 403; clients that send no Origin (non-browsers) are not affected.")
    List<String> allowedOrigins = List.of();

    @Option(names = "--max-connects-per-second", defaultValue = "500",
            description = "New connections per second for the node; over it the handshake gets 429; 0 = off"
                    + " (default: ${DEFAULT-VALUE}, AWS's account default).")
    int connectsPerSecond;

    @Option(names = "--max-connects-per-second-per-ip", defaultValue = "0",
            description = "New connections per second from one address; 0 = off (default: ${DEFAULT-VALUE}).")
    int connectsPerSecondPerIp;

    @Option(names = "--max-connections-per-ip", defaultValue = "0",
            description = "Open connections from one address; 0 = off (default: ${DEFAULT-VALUE}).")
    int connectionsPerIp;

    @Option(names = "--max-messages-per-second", defaultValue = "1000",
            description = "Messages per second from one connection (burst twice that); over it the client gets a"
                    + " Too Many Requests frame; 0 = off (default: ${DEFAULT-VALUE}).")
    int messagesPerSecond;

    @Option(names = "--max-rate-violations", defaultValue = "100",
            description = "Throttled messages after which a connection is closed with 1008; 0 = never"
                    + " (default: ${DEFAULT-VALUE}).")
    int violationsBeforeClose;

    RateLimits rateLimits() {
        return new RateLimits(connectsPerSecond, connectsPerSecondPerIp, connectionsPerIp, messagesPerSecond,
                violationsBeforeClose);
    }

    Map<String, Set<String>> origins() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String entry : allowedOrigins) {
            int eq = entry.indexOf('=');
            boolean staged = eq > 0 && !entry.substring(0, eq).contains(":");
            String stage = staged ? entry.substring(0, eq) : "*";
            String origin = staged ? entry.substring(eq + 1) : entry;
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("--allowed-origin: " + entry
                        + " (expected: [STAGE=]scheme://host[:port], e.g. https://app.example.com)");
            }
            out.computeIfAbsent(stage, k -> new LinkedHashSet<>()).add(origin);
        }
        return out;
    }
}
