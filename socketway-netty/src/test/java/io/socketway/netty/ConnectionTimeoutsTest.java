package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-event-loop deadline watch, on real event-loop threads and the wall clock. */
@Timeout(60)
class ConnectionTimeoutsTest {
    /** Scheduling slack allowed on a loaded two-core machine, on top of the granularity. */
    private static final long SLACK_MILLIS = 400;
    private final List<EventLoop> loops = List.of(new DefaultEventLoop(), new DefaultEventLoop());

    @AfterEach
    void tearDown() {
        loops.forEach(l -> l.shutdownGracefully(0, 0, TimeUnit.SECONDS));
    }

    /** An entry with a deadline that tests move; records when and how often it expired. */
    private static final class TestEntry extends ConnectionTimeouts.Entry {
        private volatile long dueAt;
        private volatile long expiredAt;
        private final AtomicInteger expirations = new AtomicInteger();

        TestEntry(long dueAt) {
            this.dueAt = dueAt;
        }

        @Override
        long dueAt() {
            return dueAt;
        }

        @Override
        void expire(long now) {
            expiredAt = System.currentTimeMillis();
            expirations.incrementAndGet();
        }
    }

    private static void onLoop(EventLoop loop, Runnable task) {
        loop.submit(task).syncUninterruptibly();
    }

    @Test
    void everyEntryExpiresOnceWithinToleranceOfItsOwnDeadline() {
        ConnectionTimeouts timeouts = new ConnectionTimeouts(Duration.ofSeconds(1));
        long start = System.currentTimeMillis();
        List<TestEntry> entries = new ArrayList<>();
        List<TestEntry> moved = new ArrayList<>();
        List<TestEntry> removed = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean removes = i % 10 == 3;
            boolean moves = !removes && i % 3 == 0;
            // entries that a test step changes later start with deadlines the adding cannot reach, even when slow
            long base = removes || moves ? 3_000 : 100;
            TestEntry e = new TestEntry(start + base + ThreadLocalRandom.current().nextLong(900));
            EventLoop loop = loops.get(i % loops.size());
            onLoop(loop, () -> timeouts.add(loop, e));
            if (removes) {
                onLoop(loop, e::remove);
                removed.add(e);
            } else {
                entries.add(e);
                if (moves) {
                    moved.add(e);
                }
            }
        }
        moved.forEach(e -> e.dueAt += 700); // activity: the deadline moves later, from another thread

        await().atMost(Duration.ofSeconds(20)).until(() -> entries.stream().allMatch(e -> e.expiredAt != 0));

        long tolerance = timeouts.granularityMillis() + SLACK_MILLIS;
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.expirations.get()).isEqualTo(1);
            assertThat(e.expiredAt).isBetween(e.dueAt, e.dueAt + tolerance);
        });
        assertThat(removed).allSatisfy(e -> assertThat(e.expirations.get()).isZero());
    }

    @Test
    void anEntryAddedWithAnEarlierDeadlineIsNotHeldUpByLaterOnes() {
        ConnectionTimeouts timeouts = new ConnectionTimeouts(Duration.ofSeconds(1));
        EventLoop loop = loops.get(0);
        long now = System.currentTimeMillis();
        TestEntry late = new TestEntry(now + 60_000);
        TestEntry early = new TestEntry(now + 200);
        onLoop(loop, () -> timeouts.add(loop, late));
        onLoop(loop, () -> timeouts.add(loop, early));

        await().atMost(Duration.ofSeconds(10)).until(() -> early.expiredAt != 0);
        assertThat(early.expiredAt).isBetween(early.dueAt, early.dueAt + timeouts.granularityMillis() + SLACK_MILLIS);
        assertThat(late.expirations.get()).isZero();
    }

    @Test
    void granularityIsAHundredthOfTheShortestDeadlineBetweenOneMillisecondAndOneSecond() {
        assertThat(new ConnectionTimeouts(Duration.ofMinutes(10)).granularityMillis()).isEqualTo(1000);
        assertThat(new ConnectionTimeouts(Duration.ofMillis(700)).granularityMillis()).isEqualTo(7);
        assertThat(new ConnectionTimeouts(Duration.ofMillis(50)).granularityMillis()).isEqualTo(1);
    }
}
