package io.socketway.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces connection deadlines (idle timeout, maximum duration) with one scheduled task per event loop instead of
 * timers per connection: a timer costs about 100 bytes of heap and a re-schedule whenever it fires early, a list
 * entry costs one small node. Each event loop keeps a list of its {@link Entry entries}; its task runs at the earliest
 * deadline (but no sooner than {@link #granularityMillis()} after its previous run), expires every entry that is due,
 * and schedules itself again while entries remain. A deadline may move later at any time (activity); it is re-read
 * on every run, so an entry expires at most one granularity after its deadline.
 *
 * <p>Threading: one instance per server, shared by its event loops. {@link #add} and {@link Entry#remove} must be
 * called on the event loop the entry belongs to; each loop's list and task are confined to that loop.
 */
final class ConnectionTimeouts {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTimeouts.class);
    private static final long MAX_GRANULARITY_MILLIS = 1000;

    private final long granularityMillis;
    private final ConcurrentHashMap<EventExecutor, Loop> loops = new ConcurrentHashMap<>();

    /**
     * Creates the deadlines of one server whose shortest deadline is {@code shortest} after a connection opens: the
     * granularity is a hundredth of it, between 1 ms and 1 s (10 minutes of idle timeout give 1 s).
     */
    ConnectionTimeouts(Duration shortest) {
        this.granularityMillis = Math.clamp(shortest.toMillis() / 100, 1, MAX_GRANULARITY_MILLIS);
    }

    /** Returns the shortest interval between two runs of a loop's task, in milliseconds. */
    long granularityMillis() {
        return granularityMillis;
    }

    /** Starts watching {@code entry} on {@code executor}; call on that event loop, once per entry. */
    void add(EventExecutor executor, Entry entry) {
        loops.computeIfAbsent(executor, Loop::new).add(entry);
    }

    /**
     * One watched connection. Subclasses say when it is due and what happens then.
     *
     * <p>Threading: confined to the event loop it was added on.
     */
    abstract static class Entry {
        private @Nullable Entry prev;
        private @Nullable Entry next;
        private @Nullable Loop loop;

        /** Returns the epoch milliseconds at which this entry is due; may grow between calls, never shrinks. */
        abstract long dueAt();

        /** Called once, on the loop, when {@code now} has reached {@link #dueAt()}; the entry is removed already. */
        abstract void expire(long now);

        /** Stops watching this entry; does nothing when it is not watched (any more). Call on its loop. */
        final void remove() {
            Loop l = loop;
            if (l != null) {
                l.unlink(this);
            }
        }
    }

    /** The entries of one event loop and its task. Confined to that loop. */
    private final class Loop {
        private final EventExecutor executor;
        private @Nullable Entry head;
        private int size;
        private @Nullable ScheduledFuture<?> task;
        private long taskAt;
        private long lastRun;

        Loop(EventExecutor executor) {
            this.executor = executor;
        }

        void add(Entry entry) {
            entry.loop = this;
            entry.next = head;
            if (head != null) {
                head.prev = entry;
            }
            head = entry;
            size++;
            long due = entry.dueAt();
            if (task == null || due < taskAt) {
                schedule(due);
            }
        }

        void unlink(Entry entry) {
            if (entry.prev != null) {
                entry.prev.next = entry.next;
            } else {
                head = entry.next;
            }
            if (entry.next != null) {
                entry.next.prev = entry.prev;
            }
            entry.prev = null;
            entry.next = null;
            entry.loop = null;
            if (--size == 0 && task != null) {
                task.cancel(false);
                task = null;
            }
        }

        private void schedule(long due) {
            if (task != null) {
                task.cancel(false);
            }
            long at = Math.max(due, lastRun + granularityMillis);
            taskAt = at;
            task = executor.schedule(this::run, Math.max(0, at - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }

        private void run() {
            task = null;
            long now = System.currentTimeMillis();
            lastRun = now;
            long next = Long.MAX_VALUE;
            Entry e = head;
            while (e != null) {
                Entry following = e.next;
                long due = e.dueAt();
                if (due <= now) {
                    unlink(e);
                    expire(e, now);
                } else {
                    next = Math.min(next, due);
                }
                e = following;
            }
            if (head != null && task == null) {
                schedule(next);
            }
        }

        private static void expire(Entry e, long now) {
            try {
                e.expire(now);
            } catch (RuntimeException ex) {
                LOG.warn("Could not close a connection past its deadline", ex);
            }
        }
    }
}
