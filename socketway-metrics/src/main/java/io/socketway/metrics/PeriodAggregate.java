package io.socketway.metrics;

import java.nio.ByteBuffer;
import org.HdrHistogram.IntCountsHistogram;
import org.jspecify.annotations.Nullable;

/**
 * The samples of one alarm period, reduced to what CloudWatch's statistics need and what nodes can merge: the count,
 * sum, minimum and maximum, and for percentile alarms ({@code ExtendedStatistic}) an HdrHistogram with three
 * significant digits (auto-resizing, 32-bit counts: about 64 KB for latencies up to 30 s). Values are recorded in the histogram as whole multiples of {@code 1 / resolution} (1/1000 ms for
 * latencies, 1 for bytes and counts); a percentile is the histogram's value (exact below 2048 units, otherwise within
 * 0.1 %) clamped to the exact minimum and maximum. {@link #encode} writes the aggregate as a node's contribution, with
 * the histogram in its compressed form; {@link #merge} adds another node's.
 *
 * <p>Threading: not thread-safe; guarded by the owning alarm's lock, or confined to the evaluation thread.
 */
final class PeriodAggregate {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final byte VERSION = 1;

    private final double resolution;
    private final @Nullable IntCountsHistogram histogram;
    private long count;
    private double sum;
    private double min;
    private double max;

    /** Creates an empty aggregate, with a distribution when {@code percentiles}. */
    PeriodAggregate(boolean percentiles, double resolution) {
        this.resolution = resolution;
        this.histogram = percentiles ? new IntCountsHistogram(SIGNIFICANT_DIGITS) : null;
    }

    long count() {
        return count;
    }

    /** Forgets every sample. */
    void reset() {
        count = 0;
        sum = 0;
        min = 0;
        max = 0;
        if (histogram != null) {
            histogram.reset();
        }
    }

    /** Adds one sample. */
    void add(double value) {
        min = count == 0 ? value : Math.min(min, value);
        max = count == 0 ? value : Math.max(max, value);
        count++;
        sum += value;
        if (histogram != null) {
            histogram.recordValue(Math.max(0, Math.round(value * resolution)));
        }
    }

    /** Adds the samples of {@code other}, another node's aggregate of the same period. */
    void merge(PeriodAggregate other) {
        if (other.count == 0) {
            return;
        }
        min = count == 0 ? other.min : Math.min(min, other.min);
        max = count == 0 ? other.max : Math.max(max, other.max);
        count += other.count;
        sum += other.sum;
        if (histogram != null && other.histogram != null) {
            histogram.add(other.histogram);
        }
    }

    /** Returns a copy. */
    PeriodAggregate copy() {
        PeriodAggregate copy = new PeriodAggregate(histogram != null, resolution);
        copy.merge(this);
        return copy;
    }

    /**
     * Returns {@code statistic} ({@code Sum}, {@code p99}, ...) of the samples; for a period without samples, 0 for
     * {@code Sum} and {@code SampleCount} of {@code zeroWhenIdle} metrics and missing ({@code null}) otherwise.
     */
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

    /** Returns the statistic of a period without samples. */
    static @Nullable Double idle(String statistic, boolean zeroWhenIdle) {
        return zeroWhenIdle && (statistic.equals("Sum") || statistic.equals("SampleCount")) ? 0.0 : null;
    }

    private @Nullable Double percentile(double p) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return null;
        }
        double value = histogram.getValueAtPercentile(p) / resolution;
        return Math.max(min, Math.min(max, value));
    }

    /** Writes the aggregate as bytes that {@link #decode} reads. */
    byte[] encode() {
        int histogramBytes = histogram == null ? 0 : histogram.getNeededByteBufferCapacity();
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * 4 + 1 + 4 + histogramBytes);
        buffer.put(VERSION).putLong(count).putDouble(sum).putDouble(min).putDouble(max);
        if (histogram == null) {
            buffer.put((byte) 0);
        } else {
            buffer.put((byte) 1);
            int at = buffer.position();
            buffer.putInt(0);
            int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            buffer.putInt(at, length);
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /**
     * Reads an aggregate that {@link #encode} wrote, into a new one of this kind (with or without a distribution).
     *
     * @throws IllegalArgumentException when {@code bytes} are not an encoded aggregate
     */
    static PeriodAggregate decode(byte[] bytes, boolean percentiles, double resolution) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (buffer.get() != VERSION) {
                throw new IllegalArgumentException("alarm aggregate: version " + bytes[0] + " (expected: " + VERSION
                        + ")");
            }
            PeriodAggregate a = new PeriodAggregate(percentiles, resolution);
            a.count = buffer.getLong();
            a.sum = buffer.getDouble();
            a.min = buffer.getDouble();
            a.max = buffer.getDouble();
            if (buffer.get() == 1) {
                int length = buffer.getInt();
                // HdrHistogram reads the buffer's backing array from index 0: give it a buffer of its own
                byte[] histogramBytes = new byte[length];
                buffer.get(histogramBytes);
                ByteBuffer encoded = ByteBuffer.wrap(histogramBytes);
                if (a.histogram != null) {
                    a.histogram.add(IntCountsHistogram.decodeFromCompressedByteBuffer(encoded, 0));
                }
            }
            return a;
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException
                | java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("alarm aggregate: " + bytes.length + " bytes (expected: an encoded"
                    + " aggregate)", e);
        }
    }
}
