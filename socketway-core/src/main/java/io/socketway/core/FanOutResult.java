package io.socketway.core;

import static io.socketway.api.Checks.notNull;

import java.util.List;

/**
 * What a {@code @connections} fan-out did with each connection id (a Socketway extension; AWS has no fan-out).
 * Each id of the request appears once, in request order within its list.
 *
 * @param delivered ids whose connection has the message in its outbound buffer (a single POST's 200)
 * @param gone ids with no live connection, unknown ids included (a single POST's 410 {@code GoneException})
 * @param limitExceeded ids whose outbound buffer was full, so nothing was queued (a single POST's 429)
 * @param failed ids on another node that the registry or the bus could not reach in time (a single POST's 503);
 *     the message may or may not have been delivered to them, as with a failed single POST
 */
public record FanOutResult(List<String> delivered, List<String> gone, List<String> limitExceeded,
        List<String> failed) {

    public FanOutResult {
        delivered = List.copyOf(notNull(delivered, "delivered"));
        gone = List.copyOf(notNull(gone, "gone"));
        limitExceeded = List.copyOf(notNull(limitExceeded, "limitExceeded"));
        failed = List.copyOf(notNull(failed, "failed"));
    }
}
