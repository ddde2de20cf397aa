package io.socketway.cli;

import io.socketway.core.FunctionHttpSettings;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options of {@code socketway run} for functions reached over HTTP (the client and its connection pools). */
final class FunctionHttpOptions {

    @Option(names = "--function-http-client", paramLabel = "netty|jdk", defaultValue = "netty",
            description = "Client calling functions over HTTP: netty (pooled kept-alive connections on the gateway's"
                    + " event loops) or jdk (the JDK HttpClient) (default: ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--function-http-pool-size", paramLabel = "N", defaultValue = "128",
            description = "Kept-alive connections per function origin (scheme, host, port); further calls wait for a"
                    + " free one within their timeout (netty client) (default: ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(names = "--function-http-max-pending", paramLabel = "N", defaultValue = "4096",
            description = "Calls that may wait for a connection per origin; one more fails at once as an integration"
                    + " error (netty client) (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--function-http-idle-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Close a function connection unused for this long (netty client) (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--function-http-max-response-bytes", paramLabel = "BYTES", defaultValue = "6291456",
            description = "Largest function response body accepted; a larger one is an integration error"
                    + " (default: ${DEFAULT-VALUE}, Lambda's response payload limit).")
    int maxResponseBytes;

    /** Returns the settings these options give. */
    FunctionHttpSettings settings() {
        FunctionHttpSettings.Client kind = switch (client.toLowerCase(Locale.ROOT)) {
            case "netty" -> FunctionHttpSettings.Client.NETTY;
            case "jdk" -> FunctionHttpSettings.Client.JDK;
            default -> throw new IllegalArgumentException(
                    "--function-http-client: " + client + " (expected: netty or jdk)");
        };
        check(poolSize >= 1, "--function-http-pool-size", poolSize, ">= 1");
        check(maxPending >= 1, "--function-http-max-pending", maxPending, ">= 1");
        check(idleTimeout.toMillis() > 0, "--function-http-idle-timeout", idleTimeout, "> 0");
        check(maxResponseBytes >= 1, "--function-http-max-response-bytes", maxResponseBytes, ">= 1");
        return FunctionHttpSettings.DEFAULT.withClient(kind).withMaxConnectionsPerOrigin(poolSize)
                .withMaxPendingRequests(maxPending).withIdleTimeout(idleTimeout).withMaxResponseBytes(maxResponseBytes);
    }

    private static void check(boolean ok, String option, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": " + value + " (expected: " + expected + ")");
        }
    }
}
