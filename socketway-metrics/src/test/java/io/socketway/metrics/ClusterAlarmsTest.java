package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.Comparison;
import io.socketway.api.AlarmDefinition.MissingData;
import io.socketway.api.spi.AlarmStore;
import io.socketway.core.InMemoryAlarmStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes evaluate one alarm through a shared store, driven by period index: the merged periods decide, one node
 * claims each transition and the other adopts it, and a period no node contributed to is missing.
 */
class ClusterAlarmsTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final AlarmDefinition MESSAGES = new AlarmDefinition("Busy", "busy", "", "AWS/ApiGateway",
            "MessageCount", Map.of(), "Sum", 60, 1, 1, 5, Comparison.GreaterThanOrEqualToThreshold,
            MissingData.missing, true, List.of(), List.of(), List.of());

    private final InMemoryAlarmStore store = new InMemoryAlarmStore();
    private final ClusterAlarms nodeA = new ClusterAlarms(store, "api1", "a");
    private final ClusterAlarms nodeB = new ClusterAlarms(store, "api1", "b");
    private final Alarm alarmA = new Alarm(MESSAGES, 1_000, NOW, true);
    private final Alarm alarmB = new Alarm(MESSAGES, 1_000, NOW, true);

    private static List<AlarmState> states(List<Alarm.Transition> transitions) {
        return transitions.stream().map(Alarm.Transition::to).toList();
    }

    private static void messages(Alarm alarm, long period, int count) {
        for (int i = 0; i < count; i++) {
            alarm.add(period, 1);
        }
    }

    @Test
    void alarmsOnTheSumOfBothNodesAndEachTransitionIsClaimedOnce() {
        nodeA.start(alarmA, 100);
        nodeB.start(alarmB, 100);
        messages(alarmA, 100, 3);
        messages(alarmB, 100, 3);
        nodeA.flush(alarmA, 101);
        nodeB.flush(alarmB, 101);

        assertThat(states(nodeA.evaluate(alarmA, 100, NOW))).containsExactly(AlarmState.ALARM);
        assertThat(nodeB.evaluate(alarmB, 100, NOW)).isEmpty();
        assertThat(alarmB.status().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarmB.status().reason()).isEqualTo(alarmA.status().reason()).contains("[6.0]");

        nodeA.flush(alarmA, 102);
        nodeB.flush(alarmB, 102);
        assertThat(states(nodeB.evaluate(alarmB, 101, NOW))).containsExactly(AlarmState.OK);
        assertThat(nodeA.evaluate(alarmA, 101, NOW)).isEmpty();
        assertThat(alarmA.status().state()).isEqualTo(AlarmState.OK);
    }

    @Test
    void aPeriodNoNodeContributedToIsMissing() {
        nodeA.start(alarmA, 100);
        nodeA.flush(alarmA, 101);

        assertThat(states(nodeA.evaluate(alarmA, 100, NOW))).containsExactly(AlarmState.OK);
        assertThat(states(nodeA.evaluate(alarmA, 101, NOW))).containsExactly(AlarmState.INSUFFICIENT_DATA);
    }

    @Test
    void aNodeStartingLateAdoptsTheClusterState() {
        nodeA.start(alarmA, 100);
        messages(alarmA, 100, 6);
        nodeA.flush(alarmA, 101);
        nodeA.evaluate(alarmA, 100, NOW);

        nodeB.start(alarmB, 101);

        assertThat(alarmB.status()).isEqualTo(alarmA.status());
        assertThat(alarmB.status().state()).isEqualTo(AlarmState.ALARM);
    }

    @Test
    void keepsTheLastStateWhileTheStoreFailsAndResumesWithThePeriodInProgress() {
        FailingStore failing = new FailingStore(store);
        ClusterAlarms node = new ClusterAlarms(failing, "api1", "a");
        node.start(alarmA, 100);
        messages(alarmA, 100, 6);
        node.flush(alarmA, 101);
        assertThat(states(node.evaluate(alarmA, 100, NOW))).containsExactly(AlarmState.ALARM);

        // the state cannot be stored: the evaluation of period 101 (OK) is rolled back
        failing.refuseState = true;
        node.flush(alarmA, 102);
        assertThatThrownBy(() -> node.evaluate(alarmA, 101, NOW)).isInstanceOf(ClusterAlarms.StoreException.class);
        node.failed();
        assertThat(alarmA.status().state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarmA.lastEvaluated()).isEqualTo(100);

        failing.refuseState = false;
        failing.down = true;
        assertThatThrownBy(() -> node.flush(alarmA, 103)).isInstanceOf(ClusterAlarms.StoreException.class);
        node.failed();
        assertThat(alarmA.status().state()).isEqualTo(AlarmState.ALARM);

        // back during period 104: periods up to 103 ended while the store failed and are skipped
        failing.down = false;
        node.flush(alarmA, 104);
        assertThat(node.evaluate(alarmA, 103, NOW)).isEmpty();
        assertThat(alarmA.status().state()).isEqualTo(AlarmState.ALARM);
        node.flush(alarmA, 105);
        assertThat(states(node.evaluate(alarmA, 104, NOW))).containsExactly(AlarmState.OK);
        assertThat(alarmA.status().reason()).contains("[0.0]");
    }

    @Test
    void eachNodeAloneStaysBelowTheThreshold() {
        Alarm local = new Alarm(MESSAGES, 1_000, NOW);
        messages(local, 0, 3);

        assertThat(states(local.evaluate(0, NOW))).containsExactly(AlarmState.OK);
    }

    /** An in-memory store whose calls fail while {@link #down}, as Redis's do while it is unreachable. */
    private static final class FailingStore implements AlarmStore {
        private final AlarmStore delegate;
        volatile boolean down;
        volatile boolean refuseState;

        FailingStore(AlarmStore delegate) {
            this.delegate = delegate;
        }

        private <T> CompletionStage<T> unlessDown(Supplier<CompletionStage<T>> call) {
            return down ? CompletableFuture.failedFuture(new IOException("Connection refused")) : call.get();
        }

        @Override
        public CompletionStage<Void> contribute(String alarmId, long period, String nodeId, byte[] aggregate,
                Duration ttl) {
            return unlessDown(() -> delegate.contribute(alarmId, period, nodeId, aggregate, ttl));
        }

        @Override
        public CompletionStage<Map<Long, List<byte[]>>> read(String alarmId, Collection<Long> periods) {
            return unlessDown(() -> delegate.read(alarmId, periods));
        }

        @Override
        public CompletionStage<Optional<State>> state(String alarmId) {
            return unlessDown(() -> delegate.state(alarmId));
        }

        @Override
        public CompletionStage<Boolean> replaceState(String alarmId, long expectedPeriod, State next, Duration ttl) {
            return refuseState ? CompletableFuture.failedFuture(new IOException("Connection reset"))
                    : unlessDown(() -> delegate.replaceState(alarmId, expectedPeriod, next, ttl));
        }

        @Override
        public void close() {}
    }
}
