package io.socketway.core;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One received message waiting in its connection's work queue, remembering its route once selected, so that an
 * invocation batch can look ahead at it without parsing it twice.
 *
 * <p>Threading: created on the transport's thread; {@link #route}, {@link #run} and {@link #done} are called only by
 * the connection's drain, one task at a time (the queue hands it over with a happens-before edge).
 */
final class QueuedMessage implements Runnable {
    private final String body;
    private final boolean binary;
    private final int bytes;
    private final Consumer<QueuedMessage> dispatch;
    private final Runnable done;
    private RouteTable.@Nullable Route route;
    private boolean selected;

    /**
     * @param body the text, or the base64 of a binary message
     * @param binary whether the message was binary
     * @param bytes the message's size on the wire
     * @param dispatch runs the message (and any batch it leads)
     * @param done releases what the message held (queue bytes, in-flight count); runs exactly once
     */
    QueuedMessage(String body, boolean binary, int bytes, Consumer<QueuedMessage> dispatch, Runnable done) {
        this.body = body;
        this.binary = binary;
        this.bytes = bytes;
        this.dispatch = dispatch;
        this.done = done;
    }

    String body() {
        return body;
    }

    boolean binary() {
        return binary;
    }

    int bytes() {
        return bytes;
    }

    /** Returns the message's route (binary messages go to {@code $default}), or null when none matches. */
    RouteTable.@Nullable Route route(RouteTable table) {
        if (!selected) {
            route = binary ? table.defaultRoute() : table.select(body);
            selected = true;
        }
        return route;
    }

    @Override
    public void run() {
        try {
            dispatch.accept(this);
        } finally {
            done.run();
        }
    }

    /** Releases the message after it was handled as part of another message's batch instead of by {@link #run}. */
    void done() {
        done.run();
    }
}
