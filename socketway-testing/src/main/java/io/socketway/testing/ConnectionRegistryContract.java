package io.socketway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.api.spi.ConnectionRegistry.Page;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link ConnectionRegistry} keeps; an implementation's test extends this class and supplies
 * {@link #newRegistry()}.
 *
 * <p>Every test uses fresh random connection ids and its own stage names, so implementations backed by a shared
 * server need no cleanup between tests. Registries are closed after each test.
 */
@Timeout(30)
public abstract class ConnectionRegistryContract {
    /** How long a single registry call may take before a test fails. */
    protected static final Duration WAIT = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<ConnectionRegistry> opened = new ArrayList<>();

    /**
     * Returns a registry. Every registry returned during one test must share one backend, as the registries of the
     * nodes of one cluster do (an in-memory implementation returns the same instance each time).
     */
    protected abstract ConnectionRegistry newRegistry();

    /** Returns a new random id in the gateway's format: 16 characters of URL-safe base64 ending in {@code =}. */
    public static String randomConnectionId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    @AfterEach
    final void closeRegistries() {
        opened.forEach(ConnectionRegistry::close);
    }

    @Test
    void findsWhatWasRegistered() {
        ConnectionRegistry registry = registry();
        ConnectionRecord record = record(newStage(), "node-a");
        await(registry.register(record));
        assertThat(registry.find(record.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(record));
    }

    @Test
    void keepsEveryFieldIncludingUnicodeAndEmptyUserAgent() {
        ConnectionRegistry registry = registry();
        ConnectionRecord full = new ConnectionRecord(randomConnectionId(), newStage(), "node-\u00e9",
                1_700_000_000_123L, "2001:db8::1", "Mozilla/5.0 (X11) \u00fcn\u00efc\u00f6d\u00e9 \ud83d\ude80");
        ConnectionRecord empty = new ConnectionRecord(randomConnectionId(), full.stage(), "node-b", 0L, "10.0.0.1", "");
        await(registry.register(full));
        await(registry.register(empty));
        assertThat(registry.find(full.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(full));
        assertThat(registry.find(empty.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(empty));
    }

    @Test
    void findOfUnknownIdIsEmpty() {
        assertThat(registry().find(randomConnectionId())).succeedsWithin(WAIT).isEqualTo(Optional.empty());
    }

    @Test
    void removeOfUnknownIdCompletesNormally() {
        assertThat(registry().remove(randomConnectionId())).succeedsWithin(WAIT);
    }

    @Test
    void findAfterRemoveIsEmpty() {
        ConnectionRegistry registry = registry();
        ConnectionRecord record = record(newStage(), "node-a");
        await(registry.register(record));
        await(registry.remove(record.connectionId()));
        assertThat(registry.find(record.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.empty());
        assertThat(registry.remove(record.connectionId())).as("a second remove").succeedsWithin(WAIT);
    }

    @Test
    void registrationIsVisibleToEveryNode() {
        ConnectionRegistry writer = registry();
        ConnectionRegistry reader = registry();
        ConnectionRecord record = record(newStage(), "node-a");
        await(writer.register(record));
        assertThat(reader.find(record.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(record));
        await(reader.remove(record.connectionId()));
        assertThat(writer.find(record.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.empty());
    }

    @Test
    void registeringTwiceKeepsOneEntry() {
        ConnectionRegistry registry = registry();
        ConnectionRecord record = record(newStage(), "node-a");
        await(registry.register(record));
        await(registry.register(record));
        assertThat(listAll(registry, record.stage(), 10)).containsExactly(record);
    }

    @Test
    void listsOneStageInPagesInIdOrder() {
        ConnectionRegistry registry = registry();
        String stage = newStage();
        String other = newStage();
        List<ConnectionRecord> mine = registerMany(registry, stage, 25);
        List<ConnectionRecord> theirs = registerMany(registry, other, 7);

        Page first = page(registry, stage, "", 10);
        Page second = page(registry, stage, first.nextCursor(), 10);
        Page third = page(registry, stage, second.nextCursor(), 10);

        assertThat(first.connections()).hasSize(10);
        assertThat(first.nextCursor()).isNotEmpty();
        assertThat(second.connections()).hasSize(10);
        assertThat(second.nextCursor()).isNotEmpty();
        assertThat(third.connections()).hasSize(5);
        assertThat(third.nextCursor()).as("cursor after the last page").isEmpty();
        List<ConnectionRecord> all = new ArrayList<>(first.connections());
        all.addAll(second.connections());
        all.addAll(third.connections());
        assertThat(all).containsExactlyElementsOf(sortedById(mine));
        assertThat(listAll(registry, other, 3)).containsExactlyElementsOf(sortedById(theirs));
    }

    @Test
    void lastFullPageEndsTheListing() {
        ConnectionRegistry registry = registry();
        String stage = newStage();
        List<ConnectionRecord> records = registerMany(registry, stage, 20);
        Page first = page(registry, stage, "", 10);
        Page second = page(registry, stage, first.nextCursor(), 10);
        assertThat(second.connections()).hasSize(10);
        assertThat(second.nextCursor()).isEmpty();
        assertThat(listAll(registry, stage, 1)).containsExactlyElementsOf(sortedById(records));
    }

    @Test
    void listingOfStageWithoutConnectionsIsEmpty() {
        Page page = page(registry(), newStage(), "", 10);
        assertThat(page.connections()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void cursorStaysValidWhileConnectionsComeAndGo() {
        ConnectionRegistry registry = registry();
        String stage = newStage();
        List<ConnectionRecord> sorted = sortedById(registerMany(registry, stage, 20));
        Page first = page(registry, stage, "", 5);
        assertThat(first.connections()).containsExactlyElementsOf(sorted.subList(0, 5));

        String cursor = first.nextCursor();
        ConnectionRecord removedLater = sorted.get(12);
        await(registry.remove(cursor));
        await(registry.remove(removedLater.connectionId()));
        registerMany(registry, stage, 10);

        List<ConnectionRecord> rest = listFrom(registry, stage, cursor, 4);
        Set<ConnectionRecord> expected = new HashSet<>(sorted.subList(5, 20));
        expected.remove(removedLater);
        assertThat(rest).doesNotHaveDuplicates().containsAll(expected).doesNotContain(removedLater)
                .allSatisfy(r -> assertThat(r.connectionId()).isGreaterThan(cursor));
        assertThat(rest).extracting(ConnectionRecord::connectionId).isSorted();
    }

    @Test
    void removedConnectionLeavesTheListing() {
        ConnectionRegistry registry = registry();
        String stage = newStage();
        List<ConnectionRecord> records = registerMany(registry, stage, 3);
        await(registry.remove(records.get(1).connectionId()));
        assertThat(listAll(registry, stage, 10)).containsExactlyInAnyOrder(records.get(0), records.get(2));
    }

    @Test
    void concurrentRegistrationsAreAllVisible() throws Exception {
        ConnectionRegistry registry = registry();
        String stage = newStage();
        List<ConnectionRecord> records = IntStream.range(0, 200).mapToObj(i -> record(stage, "node-" + i % 3)).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (ConnectionRecord r : records) {
                done.add(CompletableFuture.supplyAsync(() -> {
                    awaitLatch(start);
                    return registry.register(r).toCompletableFuture();
                }, threads).thenCompose(stage2 -> stage2));
            }
            start.countDown();
            assertThat(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))).succeedsWithin(WAIT);
        }
        for (ConnectionRecord r : records) {
            assertThat(registry.find(r.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(r));
        }
        assertThat(listAll(registry, stage, 64)).containsExactlyElementsOf(sortedById(records));
    }

    /** Returns a new registry from {@link #newRegistry()}, closed after the test. */
    protected final ConnectionRegistry registry() {
        ConnectionRegistry registry = newRegistry();
        opened.add(registry);
        return registry;
    }

    /** Returns a stage name no other test uses. */
    protected static String newStage() {
        return "stage-" + UUID.randomUUID();
    }

    /** Returns a record with a random id. */
    protected static ConnectionRecord record(String stage, String nodeId) {
        return new ConnectionRecord(randomConnectionId(), stage, nodeId, System.currentTimeMillis(), "203.0.113.7",
                "contract-test/1.0");
    }

    /** Waits for a stage and returns its value, failing the test after {@link #WAIT}. */
    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("expected the stage to succeed within " + WAIT, e);
        }
    }

    private static List<ConnectionRecord> registerMany(ConnectionRegistry registry, String stage, int count) {
        List<ConnectionRecord> records = IntStream.range(0, count).mapToObj(i -> record(stage, "node-a")).toList();
        records.forEach(r -> await(registry.register(r)));
        return records;
    }

    private static Page page(ConnectionRegistry registry, String stage, String cursor, int limit) {
        return await(registry.list(stage, cursor, limit));
    }

    private static List<ConnectionRecord> listAll(ConnectionRegistry registry, String stage, int limit) {
        return listFrom(registry, stage, "", limit);
    }

    private static List<ConnectionRecord> listFrom(ConnectionRegistry registry, String stage, String cursor,
            int limit) {
        List<ConnectionRecord> all = new ArrayList<>();
        String next = cursor;
        do {
            Page page = page(registry, stage, next, limit);
            assertThat(page.connections()).hasSizeLessThanOrEqualTo(limit);
            all.addAll(page.connections());
            next = page.nextCursor();
        } while (!next.isEmpty());
        return all;
    }

    private static List<ConnectionRecord> sortedById(List<ConnectionRecord> records) {
        return records.stream().sorted(Comparator.comparing(ConnectionRecord::connectionId)).toList();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
