package io.socketway.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketway.api.spi.UsageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A single node's {@link UsageStore}: the counters in memory, written as one small JSON file after every change
 * ({@code {"version":1,"since":"...","counters":{"s|dev|messagesIn":12,...}}}). Each write goes to a temporary file
 * next to it, is forced to disk and then renamed over the old one, so a crash leaves either the old or the new
 * snapshot, never half of one. Without a file the counters live in memory only. Live values are ignored: one node has
 * no others to add up.
 *
 * <p>Threading: thread-safe; changes and writes run one at a time on the store's own virtual thread, never on the
 * caller's.
 */
final class FileUsageStore implements UsageStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private final Map<String, Long> counters = new TreeMap<>();
    /** The last batch added per writer (in memory: a restarted node is a new writer). Writer thread only. */
    private final Map<String, Long> applied = new HashMap<>();
    private final ExecutorService writer =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("socketway-usage-file").factory());
    private @Nullable Instant since;

    private FileUsageStore(Optional<Path> file) {
        this.file = file;
    }

    /**
     * Opens the store, reading {@code file} when it exists.
     *
     * @throws IllegalArgumentException when the file exists but is not a usage snapshot
     */
    static FileUsageStore open(Optional<Path> file) {
        FileUsageStore store = new FileUsageStore(file);
        file.filter(Files::exists).ifPresent(store::load);
        return store;
    }

    private void load(Path path) {
        try {
            JsonNode root = JSON.readTree(path.toFile());
            if (root == null || !root.path("counters").isObject()) {
                throw new IllegalArgumentException("--usage-file: " + path + " (expected: a usage snapshot written by"
                        + " socketway, with a \"counters\" object)");
            }
            if (root.hasNonNull("since")) {
                since = Instant.parse(root.get("since").asText());
            }
            root.get("counters").properties().forEach(e -> counters.put(e.getKey(), e.getValue().asLong()));
        } catch (IOException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("--usage-file: " + path + " (expected: a usage snapshot written by"
                    + " socketway: " + e.getMessage() + ")", e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The batch is merged in memory before the file is written, so a batch whose write failed is not merged again
     * when it is retried; the next successful write saves it.
     */
    @Override
    public CompletionStage<Void> add(String writerId, long sequence, Map<String, Long> increments) {
        Map<String, Long> copy = Map.copyOf(increments);
        return CompletableFuture.runAsync(() -> {
            if (sequence > applied.getOrDefault(writerId, 0L)) {
                copy.forEach((name, value) -> counters.merge(name, value, Long::sum));
                applied.put(writerId, sequence);
            }
            write();
        }, writer);
    }

    @Override
    public CompletionStage<Instant> since(Instant now) {
        return CompletableFuture.supplyAsync(() -> {
            if (since == null) {
                since = now;
                write();
            }
            return since;
        }, writer);
    }

    @Override
    public CompletionStage<Void> putLive(String nodeId, Map<String, Long> values, Duration ttl) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Map<String, Long>> read(String nodeId) {
        return CompletableFuture.supplyAsync(() -> Map.copyOf(counters), writer);
    }

    @Override
    public CompletionStage<Void> remove(Collection<String> names) {
        return CompletableFuture.runAsync(() -> {
            if (counters.keySet().removeAll(names)) {
                write();
            }
        }, writer);
    }

    /** Writes the snapshot atomically (temporary file, fsync, rename). Runs on the writer thread. */
    private void write() {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get().toAbsolutePath();
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        root.put("since", since == null ? null : since.toString());
        ObjectNode values = root.putObject("counters");
        counters.forEach(values::put);
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            try (var out = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(root)));
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write usage file " + target, e);
        }
    }

    /** Waits for pending writes and stops the writer thread. */
    @Override
    public void close() {
        writer.close();
    }
}
