package io.socketway.metrics;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.MissingData;
import io.socketway.api.spi.AlarmStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One alarm: the samples of its metric in the last periods, and its state. Samples are kept per period in a ring of
 * {@code EvaluationPeriods + 8} aggregates; {@link #evaluate} reads the last complete periods, applies
 * {@code DatapointsToAlarm} and {@code TreatMissingData}, and returns the transition, if any.
 *
 * <p>A clustered alarm (see {@link ClusterAlarms}) keeps this node's samples in the same ring, but is evaluated on the
 * periods merged from every node's contribution ({@link #putMerged}), and {@link #adopt adopts} the state the cluster
 * shares.
 *
 * <p>Threading: thread-safe; every method synchronizes on the alarm (events of many threads add samples, the
 * evaluation thread reads them). Alarms are few and the critical sections short.
 */
final class Alarm {
    /** Periods an evaluation may lag behind (a busy or paused scheduler) and still see every period's samples. */
    static final int SLACK = 6;

    final AlarmDefinition definition;
    final AlarmMetric metric;
    private final @Nullable String stage;
    private final @Nullable String route;
    private final long periodNanos;
    private final Slot[] ring;
    private final Slot @Nullable [] merged;
    private long lastEvaluated = -1;
    private AlarmState state = AlarmState.INSUFFICIENT_DATA;
    private String reason = "Unchecked: Initial alarm creation";
    private Instant updatedAt;

    /** Creates an alarm evaluated on this node's samples. */
    Alarm(AlarmDefinition definition, long periodNanos, Instant createdAt) {
        this(definition, periodNanos, createdAt, false);
    }

    /** Creates an alarm, evaluated on merged periods when {@code clustered}. */
    Alarm(AlarmDefinition definition, long periodNanos, Instant createdAt, boolean clustered) {
        this.definition = definition;
        this.metric = AlarmMetric.of(definition.namespace(), definition.metricName());
        this.stage = definition.dimensions().get("Stage");
        this.route = definition.dimensions().get("Route");
        this.periodNanos = periodNanos;
        this.ring = newRing(definition.evaluationPeriods() + SLACK + 2);
        this.merged = clustered ? newRing(ring.length) : null;
        this.updatedAt = createdAt;
    }

    private Slot[] newRing(int length) {
        Slot[] slots = new Slot[length];
        for (int i = 0; i < length; i++) {
            slots[i] = new Slot(newAggregate());
        }
        return slots;
    }

    /** Returns an empty aggregate of this alarm's kind (with a distribution for percentile alarms). */
    PeriodAggregate newAggregate() {
        return new PeriodAggregate(definition.extendedStatistic(), metric.resolution);
    }

    long periodNanos() {
        return periodNanos;
    }

    /** Returns true when an event of {@code stage} and {@code route} counts for this alarm's dimensions. */
    boolean matches(@Nullable String eventStage, @Nullable String eventRoute) {
        return (stage == null || stage.equals(eventStage)) && (route == null || route.equals(eventRoute));
    }

    /** Adds a sample to the period {@code index}. */
    synchronized void add(long index, double value) {
        Slot slot = ring[(int) Math.floorMod(index, (long) ring.length)];
        if (slot.index != index) {
            slot.reset(index);
        }
        slot.aggregate.add(value);
    }

    /**
     * Returns this node's contribution to period {@code index}: a copy of its samples; for {@code ConnectionCount}, one
     * sample, the node's average open connections, so that the merged {@code Sum} is the cluster's.
     */
    synchronized PeriodAggregate contribution(long index) {
        Slot slot = ring[(int) Math.floorMod(index, (long) ring.length)];
        if (slot.index != index) {
            return newAggregate();
        }
        if (metric == AlarmMetric.CONNECTION_COUNT && slot.aggregate.count() > 0) {
            PeriodAggregate average = newAggregate();
            average.add(slot.aggregate.statistic("Average", false));
            return average;
        }
        return slot.aggregate.copy();
    }

    /** Stores the cluster's merged aggregate of period {@code index}; {@code null} when no node contributed. */
    synchronized void putMerged(long index, @Nullable PeriodAggregate aggregate) {
        Slot slot = requireMerged()[(int) Math.floorMod(index, (long) ring.length)];
        slot.reset(index);
        slot.present = aggregate != null;
        if (aggregate != null) {
            slot.aggregate.merge(aggregate);
        }
    }

    /** Returns true when period {@code index} has been merged already. */
    synchronized boolean hasMerged(long index) {
        return requireMerged()[(int) Math.floorMod(index, (long) ring.length)].index == index;
    }

    /** Returns the last period evaluated (or adopted from the cluster). */
    synchronized long lastEvaluated() {
        return lastEvaluated;
    }

    /** Starts evaluating at period {@code first}: the periods before it are not this node's to evaluate. */
    synchronized void startAt(long first) {
        lastEvaluated = first - 1;
    }

    /** Counts the periods up to {@code index} as evaluated: they are skipped. */
    synchronized void skipTo(long index) {
        lastEvaluated = Math.max(lastEvaluated, index);
    }

    /** Evaluates period {@code index} alone; returns the transition, if any. */
    synchronized @Nullable Transition evaluatePeriod(long index, Instant now) {
        Transition t = evaluateAt(index, now);
        lastEvaluated = Math.max(lastEvaluated, index);
        return t;
    }

    /** Takes the state the cluster shares; periods up to its period count as evaluated. */
    synchronized void adopt(AlarmStore.State shared) {
        state = AlarmState.valueOf(shared.state());
        reason = shared.reason();
        updatedAt = shared.updatedAt();
        lastEvaluated = Math.max(lastEvaluated, shared.period());
    }

    /** Puts back a state and last evaluated period that {@link #shared} returned (an evaluation that failed). */
    synchronized void restore(AlarmStore.State saved) {
        state = AlarmState.valueOf(saved.state());
        reason = saved.reason();
        updatedAt = saved.updatedAt();
        lastEvaluated = saved.period();
    }

    /** Returns this alarm's state as the cluster shares it, after period {@code index}. */
    synchronized AlarmStore.State shared(long index) {
        return new AlarmStore.State(index, state.name(), reason, updatedAt);
    }

    private Slot[] requireMerged() {
        if (merged == null) {
            throw new IllegalStateException("alarm " + definition.alarmName() + " is not clustered");
        }
        return merged;
    }

    synchronized AlarmStatus status() {
        return new AlarmStatus(definition, state, reason, updatedAt);
    }

    /**
     * Evaluates, in order, every period completed since the last evaluation, up to {@code completed} (periods before 0
     * predate the node), so that a late tick misses no period; returns the transitions, usually none.
     */
    synchronized List<Transition> evaluate(long completed, Instant now) {
        List<Transition> transitions = new ArrayList<>(0);
        for (long i = Math.max(lastEvaluated + 1, completed - SLACK); i <= completed; i++) {
            Transition t = evaluateAt(i, now);
            if (t != null) {
                transitions.add(t);
            }
        }
        lastEvaluated = Math.max(lastEvaluated, completed);
        return transitions;
    }

    private @Nullable Transition evaluateAt(long completed, Instant now) {
        int n = definition.evaluationPeriods();
        List<Double> datapoints = new ArrayList<>(n);
        for (long i = completed - n + 1; i <= completed; i++) {
            datapoints.add(value(i));
        }
        AlarmState next = decide(datapoints);
        if (next == state) {
            return null;
        }
        Transition transition = new Transition(this, state, next, reasonFor(next, datapoints), now);
        state = next;
        reason = transition.reason();
        updatedAt = now;
        return transition;
    }

    private @Nullable Double value(long index) {
        if (merged != null) {
            Slot slot = merged[(int) Math.floorMod(index, (long) merged.length)];
            return slot.index == index && slot.present
                    ? slot.aggregate.statistic(definition.statistic(), metric.zeroWhenIdle) : null;
        }
        if (index < 0) {
            return null;
        }
        Slot slot = ring[(int) (index % ring.length)];
        return slot.index == index ? slot.aggregate.statistic(definition.statistic(), metric.zeroWhenIdle)
                : PeriodAggregate.idle(definition.statistic(), metric.zeroWhenIdle);
    }

    private AlarmState decide(List<Double> datapoints) {
        MissingData treat = definition.treatMissingData();
        int breaching = 0;
        int present = 0;
        for (Double value : datapoints) {
            if (value == null) {
                if (treat == MissingData.breaching) {
                    breaching++;
                    present++;
                } else if (treat == MissingData.notBreaching) {
                    present++;
                }
            } else {
                present++;
                if (definition.comparison().breaches(value, definition.threshold())) {
                    breaching++;
                }
            }
        }
        if (present == 0) {
            return treat == MissingData.ignore ? state : AlarmState.INSUFFICIENT_DATA;
        }
        return breaching >= definition.datapointsToAlarm() ? AlarmState.ALARM : AlarmState.OK;
    }

    private String reasonFor(AlarmState next, List<Double> datapoints) {
        if (next == AlarmState.INSUFFICIENT_DATA) {
            return "Insufficient Data: " + datapoints.size() + " datapoint" + (datapoints.size() == 1 ? " was" : "s were")
                    + " unknown.";
        }
        List<String> shown = new ArrayList<>();
        for (Double value : datapoints.reversed()) {
            shown.add(value == null ? "missing" : String.valueOf(value));
        }
        int breaching = (int) datapoints.stream()
                .filter(v -> v != null && definition.comparison().breaches(v, definition.threshold())).count();
        String verb = switch (definition.comparison()) {
            case GreaterThanOrEqualToThreshold -> "greater than or equal to";
            case GreaterThanThreshold -> "greater than";
            case LessThanThreshold -> "less than";
            case LessThanOrEqualToThreshold -> "less than or equal to";
        };
        String was = breaching == 1 ? "was" : "were";
        return "Threshold Crossed: " + breaching + " out of the last " + datapoints.size() + " datapoints " + shown + " " + was
                + (next == AlarmState.ALARM ? " " : " not ") + verb + " the threshold (" + definition.threshold()
                + ") (minimum " + definition.datapointsToAlarm() + " datapoint"
                + (definition.datapointsToAlarm() == 1 ? "" : "s") + " for " + state.name().replace('_', ' ')
                + " -> " + next.name() + " transition).";
    }

    /**
     * A change of state.
     *
     * @param alarm the alarm
     * @param from the old state
     * @param to the new state
     * @param reason CloudWatch-style {@code NewStateReason}
     * @param at when
     */
    record Transition(Alarm alarm, AlarmState from, AlarmState to, String reason, Instant at) {}

    /** One period's aggregate in a ring. Guarded by the alarm's lock. */
    private static final class Slot {
        final PeriodAggregate aggregate;
        long index = Long.MIN_VALUE;
        boolean present;

        Slot(PeriodAggregate aggregate) {
            this.aggregate = aggregate;
        }

        void reset(long newIndex) {
            index = newIndex;
            present = false;
            aggregate.reset();
        }
    }
}
