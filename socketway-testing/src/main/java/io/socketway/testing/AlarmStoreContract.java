package io.socketway.testing;

import static io.socketway.testing.ConnectionRegistryContract.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.AlarmStore;
import io.socketway.api.spi.AlarmStore.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link AlarmStore} keeps; an implementation's test extends this class and supplies
 * {@link #newStore()}, called once per node (several calls share one backing store). Alarm ids are unique per test.
 */
@Timeout(60)
public abstract class AlarmStoreContract {
    private static final Duration TTL = Duration.ofMinutes(1);

    private final String alarm = "api" + UUID.randomUUID().toString().substring(0, 8) + "/Alarm";
    private final List<AlarmStore> opened = new java.util.ArrayList<>();

    /** Returns a store on the shared backing store, as another node would open it. */
    protected abstract AlarmStore newStore();

    private AlarmStore store() {
        AlarmStore s = newStore();
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(AlarmStore::close);
    }

    @Test
    void readsEveryNodesContributionAndTheLastOfEachNode() {
        AlarmStore a = store();
        AlarmStore b = store();
        await(a.contribute(alarm, 7, "a", bytes("a1"), TTL));
        await(a.contribute(alarm, 7, "a", bytes("a2"), TTL));
        await(b.contribute(alarm, 7, "b", bytes("b1"), TTL));
        await(b.contribute(alarm, 8, "b", bytes("b8"), TTL));

        Map<Long, List<byte[]>> read = await(a.read(alarm, List.of(6L, 7L, 8L)));

        assertThat(read.get(6L)).isEmpty();
        assertThat(read.get(7L)).map(AlarmStoreContract::text).containsExactlyInAnyOrder("a2", "b1");
        assertThat(read.get(8L)).map(AlarmStoreContract::text).containsExactly("b8");
        assertThat(await(b.read("other/Alarm", List.of(7L))).get(7L)).isEmpty();
    }

    @Test
    void forgetsAPeriodAfterItsTtl() {
        AlarmStore a = store();
        await(a.contribute(alarm, 1, "a", bytes("x"), Duration.ofMillis(50)));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> await(a.read(alarm, List.of(1L))).get(1L).isEmpty());
    }

    @Test
    void replacesTheStateOnlyFromTheExpectedPeriod() {
        AlarmStore a = store();
        AlarmStore b = store();
        State first = new State(10, "OK", "fine", Instant.parse("2025-01-01T00:00:00Z"));
        State second = new State(11, "ALARM", "Threshold Crossed:\nnew line kept", Instant.parse("2025-01-01T00:01:00Z"));

        assertThat(await(a.state(alarm))).isEmpty();
        assertThat(await(a.replaceState(alarm, 9, first, TTL))).isFalse();
        assertThat(await(a.replaceState(alarm, AlarmStore.NO_STATE, first, TTL))).isTrue();
        assertThat(await(b.replaceState(alarm, AlarmStore.NO_STATE, first, TTL))).isFalse();
        assertThat(await(b.replaceState(alarm, 10, second, TTL))).isTrue();
        assertThat(await(a.replaceState(alarm, 10, second, TTL))).isFalse();

        assertThat(await(a.state(alarm))).contains(second);
    }

    @Test
    void letsOneOfManyConcurrentClaimsOfAPeriodWin() {
        List<AlarmStore> nodes = IntStream.range(0, 4).mapToObj(i -> store()).toList();
        List<CompletableFuture<Boolean>> claims = IntStream.range(0, nodes.size())
                .mapToObj(i -> nodes.get(i).replaceState(alarm, AlarmStore.NO_STATE,
                        new State(1, "ALARM", "node " + i, Instant.EPOCH), TTL).toCompletableFuture())
                .toList();

        assertThat(claims.stream().map(ConnectionRegistryContract::await).filter(won -> won)).hasSize(1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
