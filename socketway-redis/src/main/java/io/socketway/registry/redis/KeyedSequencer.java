package io.socketway.registry.redis;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on an executor one at a time per key, in submission order, while tasks of different keys run in
 * parallel. A key's queue exists only while it has work, so idle keys cost nothing.
 *
 * <p>Threading: {@link #submit} is thread-safe and never blocks (it may be called on an event loop); tasks run on the
 * executor, and a task that throws is logged and does not stop the tasks after it. Once the executor rejects work
 * (it was shut down), {@link #submit} throws {@link RejectedExecutionException}.
 */
final class KeyedSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(KeyedSequencer.class);

    private final Executor executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();

    KeyedSequencer(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code task} after every task submitted earlier with the same key. */
    void submit(String key, Runnable task) {
        lock.lock();
        try {
            ArrayDeque<Runnable> queue = queues.get(key);
            if (queue != null) {
                queue.add(task);
                return;
            }
            queues.put(key, new ArrayDeque<>());
        } finally {
            lock.unlock();
        }
        try {
            executor.execute(() -> drain(key, task));
        } catch (RejectedExecutionException e) {
            forget(key);
            throw e;
        }
    }

    private void forget(String key) {
        lock.lock();
        try {
            queues.remove(key);
        } finally {
            lock.unlock();
        }
    }

    private void drain(String key, Runnable first) {
        for (Runnable task = first; task != null; task = next(key)) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Bus task for {} failed", key, e);
            }
        }
    }

    private Runnable next(String key) {
        lock.lock();
        try {
            Runnable task = queues.get(key).poll();
            if (task == null) {
                queues.remove(key);
            }
            return task;
        } finally {
            lock.unlock();
        }
    }
}
