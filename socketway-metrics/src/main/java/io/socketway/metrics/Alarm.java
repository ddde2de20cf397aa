package io.socketway.metrics;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.MissingData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One alarm: the samples of its metric in the last periods, and its state. Samples are kept per period in a ring of
 * {@code EvaluationPeriods + 2} buckets; {@link #evaluate} reads the last complete periods, applies
 * {@code DatapointsToAlarm} and {@code TreatMissingData}, and returns the transition, if any.
 *
 * <p>Threading: thread-safe; every method synchronizes on the alarm (events of many threads add samples, the
 * evaluation thread reads them). Alarms are few and the critical sections short.
 */
final class Alarm {
    /** Percentile samples kept per period; beyond it further samples only count in the other statistics. */
    private static final int MAX_SAMPLES = 100_000;
    /** Periods an evaluation may lag behind (a busy or paused scheduler) and still see every period's samples. */
    private static final int SLACK = 6;

    final AlarmDefinition definition;
    final AlarmMetric metric;
    private final @Nullable String stage;
    private final @Nullable String route;
    private final long periodNanos;
    private final Bucket[] ring;
    private long lastEvaluated = -1;
    private AlarmState state = AlarmState.INSUFFICIENT_DATA;
    private String reason = "Unchecked: Initial alarm creation";
    private Instant updatedAt;

    Alarm(AlarmDefinition definition, long periodNanos, Instant createdAt) {
        this.definition = definition;
        this.metric = AlarmMetric.of(definition.namespace(), definition.metricName());
        this.stage = definition.dimensions().get("Stage");
        this.route = definition.dimensions().get("Route");
        this.periodNanos = periodNanos;
        this.ring = new Bucket[definition.evaluationPeriods() + SLACK + 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Bucket(definition.extendedStatistic());
        }
        this.updatedAt = createdAt;
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
        Bucket bucket = ring[(int) (index % ring.length)];
        if (bucket.index != index) {
            bucket.reset(index);
        }
        bucket.add(value);
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
        if (index < 0) {
            return null;
        }
        Bucket bucket = ring[(int) (index % ring.length)];
        return bucket.index == index ? bucket.statistic(definition.statistic(), metric.zeroWhenIdle)
                : Bucket.idle(definition.statistic(), metric.zeroWhenIdle);
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

    /** The samples of one period. Guarded by the alarm's lock. */
    private static final class Bucket {
        private final boolean keepSamples;
        long index = -1;
        long count;
        double sum;
        double min;
        double max;
        double[] samples = new double[0];
        int kept;

        Bucket(boolean keepSamples) {
            this.keepSamples = keepSamples;
        }

        void reset(long newIndex) {
            index = newIndex;
            count = 0;
            sum = 0;
            kept = 0;
        }

        void add(double value) {
            min = count == 0 ? value : Math.min(min, value);
            max = count == 0 ? value : Math.max(max, value);
            count++;
            sum += value;
            if (keepSamples && kept < MAX_SAMPLES) {
                if (kept == samples.length) {
                    samples = Arrays.copyOf(samples, Math.max(16, kept * 2));
                }
                samples[kept++] = value;
            }
        }

        @Nullable Double statistic(String statistic, boolean zeroWhenIdle) {
            if (count == 0) {
                return idle(statistic, zeroWhenIdle);
            }
            return switch (statistic) {
                case "SampleCount" -> (double) count;
                case "Sum" -> sum;
                case "Average" -> sum / count;
                case "Minimum" -> min;
                case "Maximum" -> max;
                default -> percentile(Double.parseDouble(statistic.substring(1)));
            };
        }

        static @Nullable Double idle(String statistic, boolean zeroWhenIdle) {
            return zeroWhenIdle && (statistic.equals("Sum") || statistic.equals("SampleCount")) ? 0.0 : null;
        }

        private double percentile(double p) {
            double[] sorted = Arrays.copyOf(samples, kept);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }
}
