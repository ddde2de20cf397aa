package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Merging the aggregates two nodes encoded gives the statistics of all their samples together. */
class PeriodAggregateTest {

    private static PeriodAggregate of(boolean percentiles, double resolution, double... values) {
        PeriodAggregate a = new PeriodAggregate(percentiles, resolution);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    private static PeriodAggregate mergedFromBytes(boolean percentiles, double resolution, PeriodAggregate... nodes) {
        PeriodAggregate sum = new PeriodAggregate(percentiles, resolution);
        for (PeriodAggregate node : nodes) {
            sum.merge(PeriodAggregate.decode(node.encode(), percentiles, resolution));
        }
        return sum;
    }

    @Test
    void mergesCountSumAndExtremes() {
        PeriodAggregate merged = mergedFromBytes(false, 1, of(false, 1, 3, 5), of(false, 1, 1, 9, 2));

        assertThat(merged.statistic("SampleCount", true)).isEqualTo(5.0);
        assertThat(merged.statistic("Sum", true)).isEqualTo(20.0);
        assertThat(merged.statistic("Average", true)).isEqualTo(4.0);
        assertThat(merged.statistic("Minimum", true)).isEqualTo(1.0);
        assertThat(merged.statistic("Maximum", true)).isEqualTo(9.0);
    }

    @Test
    void mergesPercentilesThatNeitherNodeHasAlone() {
        // node A: 10, 20, ..., 50 bytes; node B: 60, ..., 100 bytes. Together, sorted, p90 is the 9th of 10: 90.
        PeriodAggregate a = of(true, 1, 10, 20, 30, 40, 50);
        PeriodAggregate b = of(true, 1, 60, 70, 80, 90, 100);

        PeriodAggregate merged = mergedFromBytes(true, 1, a, b);

        assertThat(a.statistic("p90", false)).isEqualTo(50.0);
        assertThat(b.statistic("p90", false)).isEqualTo(100.0);
        assertThat(merged.statistic("p90", false)).isEqualTo(90.0);
        assertThat(merged.statistic("p50", false)).isEqualTo(50.0);
        assertThat(merged.statistic("p100", false)).isEqualTo(100.0);
        assertThat(merged.statistic("p0", false)).isEqualTo(10.0);
    }

    @Test
    void keepsLatencyPercentilesWithinATenthOfAPercent() {
        // 1000 latencies of 0.5 ms .. 500 ms in 0.5 ms steps on two nodes (odd and even); p99 is the 990th: 495 ms.
        PeriodAggregate odd = new PeriodAggregate(true, 1000);
        PeriodAggregate even = new PeriodAggregate(true, 1000);
        IntStream.rangeClosed(1, 1000).forEach(i -> (i % 2 == 0 ? even : odd).add(i * 0.5));

        PeriodAggregate merged = mergedFromBytes(true, 1000, odd, even);

        assertThat(merged.statistic("p99", false)).isCloseTo(495.0, within(0.495));
        assertThat(merged.statistic("p99.9", false)).isCloseTo(499.5, within(0.4995));
        assertThat(merged.statistic("Maximum", false)).isEqualTo(500.0);
    }

    @Test
    void anEmptyContributionCountsAsAZeroCountNotAsMissing() {
        PeriodAggregate merged = mergedFromBytes(true, 1, of(true, 1), of(true, 1));

        assertThat(merged.count()).isZero();
        assertThat(merged.statistic("Sum", true)).isEqualTo(0.0);
        assertThat(merged.statistic("p90", true)).isNull();
        assertThat(merged.statistic("Average", true)).isNull();
    }

    @Test
    void rejectsBytesThatAreNotAnAggregate() {
        assertThatThrownBy(() -> PeriodAggregate.decode(new byte[] {1, 2, 3}, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: an encoded aggregate");
        assertThatThrownBy(() -> PeriodAggregate.decode(new byte[] {9}, false, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
    }
}
