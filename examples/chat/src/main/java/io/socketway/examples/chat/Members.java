package io.socketway.examples.chat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers who is in the room: the chat name of each connection that joined, by connection id.
 *
 * <p>This is the one part of the example that does not survive deployment as it is. On AWS Lambda each function
 * instance has its own memory and instances come and go, so two clients served by different instances would not see
 * each other. A deployed version keeps members in DynamoDB (a table keyed by {@code connectionId} with a {@code name}
 * attribute: {@code PutItem} on join, {@code DeleteItem} on leave, {@code Scan} to broadcast); nothing else changes.
 * Socketway runs each function once per gateway, so in-memory state is shared by every connection there.
 *
 * <p>Thread-safe: the gateway may run several invocations at once.
 */
final class Members {
    private static final Comparator<String> BY_NAME =
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final Map<String, String> names = new ConcurrentHashMap<>();

    /** Records that {@code connectionId} is in the room as {@code name}, replacing an earlier name. */
    void join(String connectionId, String name) {
        names.put(connectionId, name);
    }

    /** Forgets {@code connectionId}; returns the name it had, or empty if it had not joined. */
    Optional<String> remove(String connectionId) {
        return Optional.ofNullable(names.remove(connectionId));
    }

    /** Returns the name of {@code connectionId}, or empty if it has not joined. */
    Optional<String> name(String connectionId) {
        return Optional.ofNullable(names.get(connectionId));
    }

    /** Returns the connection ids of everyone in the room. */
    List<String> connectionIds() {
        return List.copyOf(names.keySet());
    }

    /** Returns the names of everyone in the room, sorted (case-insensitively) so clients can show them as they are. */
    List<String> names() {
        return names.values().stream().sorted(BY_NAME).toList();
    }
}
