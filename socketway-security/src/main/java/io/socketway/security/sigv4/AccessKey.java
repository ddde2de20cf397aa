package io.socketway.security.sigv4;

import static io.socketway.api.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Names a management access key and what it may do.
 *
 * <p>An empty {@code stages} or {@code operations} set means "all". Operations are the HTTP methods of the
 * {@code @connections} API: {@code POST} (PostToConnection), {@code GET} (GetConnection) and {@code DELETE}
 * (DeleteConnection). {@link #toString()} never shows the secret. Instances are immutable and thread-safe.
 *
 * @param accessKeyId the key id that clients put in the SigV4 credential scope, {@code [A-Za-z0-9_.-]{1,128}}
 * @param secretAccessKey the shared secret; never logged
 * @param stages the stages this key may manage or connect to; empty means every stage
 * @param operations the subset of {@code POST}, {@code GET}, {@code DELETE} this key may call; empty means all three
 */
public record AccessKey(String accessKeyId, String secretAccessKey, Set<String> stages, Set<String> operations) {

    private static final Set<String> KNOWN_OPERATIONS = Set.of("POST", "GET", "DELETE");

    /** Checks every field and copies the sets. */
    public AccessKey {
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(secretAccessKey, "secretAccessKey");
        checkArgument(accessKeyId.matches("[A-Za-z0-9_.-]{1,128}"),
                "accessKeyId: %s (expected: [A-Za-z0-9_.-]{1,128})", accessKeyId);
        checkArgument(!secretAccessKey.isEmpty(), "secretAccessKey: (empty) (expected: a non-empty secret)");
        stages = Set.copyOf(requireNonNull(stages, "stages"));
        operations = Set.copyOf(requireNonNull(operations, "operations"));
        checkArgument(KNOWN_OPERATIONS.containsAll(operations),
                "operations: %s (expected: a subset of [POST, GET, DELETE])", operations);
    }

    /** Returns a key that may call every operation on every stage. */
    public static AccessKey of(String accessKeyId, String secretAccessKey) {
        return new AccessKey(accessKeyId, secretAccessKey, Set.of(), Set.of());
    }

    boolean allowsStage(String stage) {
        return stages.isEmpty() || stages.contains(stage);
    }

    boolean allowsOperation(String operation) {
        return operations.isEmpty() || operations.contains(operation);
    }

    /** Returns every field except the secret, which shows as {@code ****}. */
    @Override
    public String toString() {
        return "AccessKey[accessKeyId=" + accessKeyId + ", secretAccessKey=****, stages=" + stages
                + ", operations=" + operations + "]";
    }
}
