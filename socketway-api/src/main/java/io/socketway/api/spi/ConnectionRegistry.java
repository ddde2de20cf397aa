package io.socketway.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Remembers which connections exist and which node holds each one.
 *
 * <p>Contract: implementations are thread-safe and never block the caller; each method returns a stage that completes
 * once the change is visible to every node. {@link #remove} of an unknown id completes normally. {@link #list} pages
 * through live connections of one stage in a stable order; an empty cursor starts at the beginning, and the returned
 * page's cursor is empty after the last page.
 */
public interface ConnectionRegistry extends AutoCloseable {

    /** Records a new connection. */
    CompletionStage<Void> register(ConnectionRecord connection);

    /** Finds a connection by id. */
    CompletionStage<Optional<ConnectionRecord>> find(String connectionId);

    /** Forgets a connection. */
    CompletionStage<Void> remove(String connectionId);

    /** Lists up to {@code limit} connections of {@code stage} after {@code cursor}. */
    CompletionStage<Page> list(String stage, String cursor, int limit);

    /** Releases the registry's resources. */
    @Override
    void close();

    /**
     * One page of a listing.
     *
     * @param connections the connections on this page
     * @param nextCursor where the next page starts; empty after the last page
     */
    record Page(List<ConnectionRecord> connections, String nextCursor) {
        public Page {
            connections = List.copyOf(connections);
        }
    }
}
