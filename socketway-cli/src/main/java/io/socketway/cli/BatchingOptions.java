package io.socketway.cli;

import io.socketway.core.BatchingSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options of {@code socketway run} that batch work for throughput (Socketway extensions, off by default). */
final class BatchingOptions {

    @Option(names = "--outbound-batch-window", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Hold the flush of messages to a client up to this long (e.g. 5ms) so that bursts go out"
                    + " in fewer writes; 0ms = off, each batch is flushed at once (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--outbound-batch-messages", defaultValue = "16",
            description = "With --outbound-batch-window: flush as soon as this many messages to a client wait"
                    + " (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--invocation-batch", paramLabel = "ROUTE=N",
            description = "Hand up to N messages of one connection that queued for ROUTE while its function ran to"
                    + " one invocation (repeatable; AWS_PROXY routes only; event shape in docs/batching.md).")
    List<String> invocationBatches = List.of();

    BatchingSettings settings() {
        try {
            return new BatchingSettings(window, messages, routes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage()
                    .replace("outboundBatchWindow", "--outbound-batch-window")
                    .replace("outboundBatchMessages", "--outbound-batch-messages")
                    .replace("invocationBatch:", "--invocation-batch:"), e);
        }
    }

    private Map<String, Integer> routes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String entry : invocationBatches) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || !entry.substring(eq + 1).matches("\\d{1,9}")) {
                throw new IllegalArgumentException("--invocation-batch: " + entry
                        + " (expected: ROUTE=N, e.g. sendMessage=16)");
            }
            out.put(entry.substring(0, eq), Integer.parseInt(entry.substring(eq + 1)));
        }
        return out;
    }
}
