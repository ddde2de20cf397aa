package io.socketway.core;

import java.util.Base64;
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
    private final @Nullable String text;
    private final byte @Nullable [] data;
    private final BinaryEnvelope envelope;
    private final int bytes;
    private @Nullable String body;
    private final Consumer<QueuedMessage> dispatch;
    private final Runnable done;
    private RouteTable.@Nullable Route route;
    private boolean selected;

    /**
     * @param text the text of a text message, else null
     * @param data the bytes of a binary message, else null
     * @param envelope how a binary message selects its route ({@link BinaryEnvelope#NONE}: {@code $default})
     * @param bytes the message's size on the wire
     * @param dispatch runs the message (and any batch it leads)
     * @param done releases what the message held (queue bytes, in-flight count); runs exactly once
     */
    QueuedMessage(@Nullable String text, byte @Nullable [] data, int bytes, BinaryEnvelope envelope,
            Consumer<QueuedMessage> dispatch, Runnable done) {
        this.text = text;
        this.data = data;
        this.envelope = envelope;
        this.bytes = bytes;
        this.dispatch = dispatch;
        this.done = done;
    }

    /** Returns the text, or the base64 of a binary message (encoded on first use, off the event loop). */
    String body() {
        if (body == null) {
            body = text != null ? text : Base64.getEncoder().encodeToString(data);
        }
        return body;
    }

    boolean binary() {
        return data != null;
    }

    int bytes() {
        return bytes;
    }

    /**
     * Returns the message's route (binary messages go to {@code $default} unless an envelope routes them), or null
     * when none matches.
     */
    RouteTable.@Nullable Route route(RouteTable table) {
        if (!selected) {
            route = data != null ? table.selectBinary(data, envelope) : table.select(text);
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
