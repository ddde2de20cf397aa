package io.socketway.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One client connection as the node knows it: its identity, timestamps, socket and ordered work queue.
 *
 * <p>Threading: thread-safe. Work for one connection (its messages and finally its {@code $disconnect}) runs one task
 * at a time, in the order submitted, on the gateway's virtual-thread executor; different connections run in parallel.
 * A node may hold 100,000 idle connections, so the counters are plain fields updated through {@link VarHandle}s
 * rather than atomic objects, and the work queue is created with the first task.
 */
public final class Connection {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Connection.class);
    private static final VarHandle DISCONNECTED;
    private static final VarHandle WORK;
    private static final VarHandle PENDING;
    private static final VarHandle QUEUED_BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DISCONNECTED = lookup.findVarHandle(Connection.class, "disconnected", boolean.class);
            WORK = lookup.findVarHandle(Connection.class, "work", ConcurrentLinkedQueue.class);
            PENDING = lookup.findVarHandle(Connection.class, "pending", int.class);
            QUEUED_BYTES = lookup.findVarHandle(Connection.class, "queuedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String id;
    private final String stage;
    private final long connectedAt;
    private final String sourceIp;
    private final @Nullable String userAgent;
    private final String domainName;
    private final Map<String, Object> authorizer;
    private final Map<String, String> identity;
    private volatile long lastActiveAt;
    private volatile boolean disconnected;
    private volatile @Nullable ConcurrentLinkedQueue<Runnable> work;
    private volatile int pending;
    private volatile long queuedBytes;
    private volatile @Nullable ClientChannel channel;
    private volatile boolean readingPaused;
    private @Nullable TokenBucket messageRate;
    private int violations;

    Connection(String id, String stage, long connectedAt, String sourceIp, @Nullable String userAgent,
            String domainName, Map<String, Object> authorizer) {
        this(id, stage, connectedAt, sourceIp, userAgent, domainName, authorizer, Map.of());
    }

    private Connection(String id, String stage, long connectedAt, String sourceIp, @Nullable String userAgent,
            String domainName, Map<String, Object> authorizer, Map<String, String> identity) {
        this.identity = identity;
        this.id = id;
        this.stage = stage;
        this.connectedAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.domainName = domainName;
        this.authorizer = authorizer;
        this.lastActiveAt = connectedAt;
    }

    /** Returns a copy carrying an authorizer result; only before the connection opens. */
    Connection withAuthorizer(Map<String, Object> context, Map<String, String> identity) {
        return new Connection(id, stage, connectedAt, sourceIp, userAgent, domainName, Map.copyOf(context),
                Map.copyOf(identity));
    }

    /** Returns identity fields an authorizer added (IAM: {@code accessKey}, {@code user}, ...); usually empty. */
    public Map<String, String> identity() {
        return identity;
    }

    /** Returns the connection id. */
    public String id() {
        return id;
    }

    /** Returns the stage the client connected to. */
    public String stage() {
        return stage;
    }

    /** Returns the epoch milliseconds of the handshake. */
    public long connectedAt() {
        return connectedAt;
    }

    /** Returns the client's address. */
    public String sourceIp() {
        return sourceIp;
    }

    /** Returns the client's {@code User-Agent}, or null when it sent none. */
    public @Nullable String userAgent() {
        return userAgent;
    }

    /** Returns the host (and port) the client addressed. */
    public String domainName() {
        return domainName;
    }

    /** Returns the authorizer result carried into every event ({@code requestContext.authorizer}); empty if none. */
    public Map<String, Object> authorizer() {
        return authorizer;
    }

    /** Returns the epoch milliseconds of the last data message in either direction. */
    public long lastActiveAt() {
        return lastActiveAt;
    }

    /** Records a data message in either direction now. */
    public void touch() {
        lastActiveAt = System.currentTimeMillis();
    }

    /** Returns true once the socket is open and until it closes. */
    public boolean isOpen() {
        return channel != null && !disconnected;
    }

    @Nullable ClientChannel channel() {
        return channel;
    }

    void attach(ClientChannel channel) {
        this.channel = channel;
    }

    /** Marks the connection closed; returns true only for the first call. */
    boolean markDisconnected() {
        return DISCONNECTED.compareAndSet(this, false, true);
    }

    /** Runs {@code task} after every task submitted before it, one at a time, on {@code executor}. */
    void submit(Runnable task, Executor executor) {
        workQueue().add(task);
        if ((int) PENDING.getAndAdd(this, 1) == 0) {
            executor.execute(this::drain);
        }
    }

    /**
     * Removes and returns the next queued task when {@code accept} takes it, for the running task to handle as part of
     * its own work (an invocation batch); null when the queue is empty, the next task does not qualify, or its
     * submission is still under way. Only the running task may call this; it then owns the task it got.
     */
    @Nullable Runnable takeNext(Predicate<Runnable> accept) {
        if ((int) PENDING.getVolatile(this) < 2) {
            return null; // counts the running task plus every task whose submit has completed
        }
        ConcurrentLinkedQueue<Runnable> queue = workQueue();
        Runnable next = queue.peek();
        if (next == null || !accept.test(next)) {
            return null;
        }
        queue.poll();
        PENDING.getAndAdd(this, -1);
        return next;
    }

    @SuppressWarnings("unchecked")
    private ConcurrentLinkedQueue<Runnable> workQueue() {
        ConcurrentLinkedQueue<Runnable> queue = work;
        if (queue == null) {
            ConcurrentLinkedQueue<Runnable> created = new ConcurrentLinkedQueue<>();
            queue = (ConcurrentLinkedQueue<Runnable>) WORK.compareAndExchange(this, null, created);
            if (queue == null) {
                queue = created;
            }
        }
        return queue;
    }

    private void drain() {
        ConcurrentLinkedQueue<Runnable> queue = workQueue();
        do {
            Runnable task = queue.poll();
            if (task != null) {
                runSafely(task);
            }
        } while ((int) PENDING.getAndAdd(this, -1) - 1 > 0);
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("Unexpected failure while handling work for connection {}", id, e);
        }
    }

    /**
     * Takes a message token; returns the number of violations so far when over the rate, 0 when within it.
     * Event-loop confined: called only by the transport thread that reads this connection.
     */
    int throttle(RateLimits limits) {
        if (limits.messagesPerSecond() == 0) {
            return 0;
        }
        if (messageRate == null) {
            messageRate = new TokenBucket(limits.messagesPerSecond(), 2.0 * limits.messagesPerSecond());
        }
        return messageRate.tryAcquire() ? 0 : ++violations;
    }

    /** Adds received bytes waiting for their route; pauses reading when the queue is over {@code limit}. */
    void queued(int bytes, int limit) {
        if ((long) QUEUED_BYTES.getAndAdd(this, (long) bytes) + bytes > limit && !readingPaused) {
            readingPaused = true;
            pause(true);
        }
    }

    /** Removes bytes whose route has run; resumes reading below half the limit. */
    void dequeued(int bytes, int limit) {
        if ((long) QUEUED_BYTES.getAndAdd(this, (long) -bytes) - bytes < limit / 2 && readingPaused) {
            readingPaused = false;
            pause(false);
        }
    }

    private void pause(boolean paused) {
        ClientChannel c = channel;
        if (c != null) {
            c.pauseReading(paused);
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", stage=" + stage + ", from=" + sourceIp + "]";
    }
}
