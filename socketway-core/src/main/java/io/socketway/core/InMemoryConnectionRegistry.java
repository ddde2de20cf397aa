package io.socketway.core;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The embedded default registry: one node, records in a sorted in-process map (ids order the listing, so cursors
 * are stable). Thread-safe; every call completes before it returns.
 */
public final class InMemoryConnectionRegistry implements ConnectionRegistry {
    private final ConcurrentNavigableMap<String, ConnectionRecord> records = new ConcurrentSkipListMap<>();

    @Override
    public CompletionStage<Void> register(ConnectionRecord connection) {
        records.put(connection.connectionId(), connection);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<ConnectionRecord>> find(String connectionId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(records.get(connectionId)));
    }

    @Override
    public CompletionStage<Void> remove(String connectionId) {
        records.remove(connectionId);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Page> list(String stage, String cursor, int limit) {
        Map<String, ConnectionRecord> tail = cursor.isEmpty() ? records : records.tailMap(cursor, false);
        List<ConnectionRecord> page = new ArrayList<>(Math.min(limit, 256));
        String last = "";
        boolean more = false;
        for (ConnectionRecord r : tail.values()) {
            if (!r.stage().equals(stage)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(r);
            last = r.connectionId();
        }
        return CompletableFuture.completedFuture(new Page(page, more ? last : ""));
    }

    @Override
    public void close() {
        records.clear();
    }
}
