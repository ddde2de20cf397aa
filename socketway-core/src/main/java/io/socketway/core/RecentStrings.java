package io.socketway.core;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Hands out one shared instance for equal strings seen recently, so that the many connections that come from the same
 * address, with the same {@code User-Agent} or to the same host do not each keep their own copy for their lifetime
 * (about 50 to 200 bytes each). A fixed table of slots chosen by hash: a hit returns the stored instance, a miss
 * stores the new one in place of the old. Memory is bounded; nothing is ever looked up by anything but equality.
 *
 * <p>Threading: thread-safe and lock-free; strings are immutable, so a race only costs a missed share.
 */
final class RecentStrings {
    private final AtomicReferenceArray<String> slots;
    private final int mask;

    /** Creates a table of {@code size} slots, a power of two. */
    RecentStrings(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: a power of two)");
        }
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** Returns a stored string equal to {@code value}, or stores and returns {@code value}; null stays null. */
    @Nullable String share(@Nullable String value) {
        if (value == null) {
            return null;
        }
        int h = value.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        String seen = slots.getAcquire(slot);
        if (value.equals(seen)) {
            return seen;
        }
        slots.setRelease(slot, value);
        return value;
    }
}
