package io.socketway.core;

import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.AccessLogEntry;
import io.socketway.api.spi.AccessLogSink;
import io.socketway.api.spi.RequestListener;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access log of every stage that has {@code AccessLogSettings}: each entry is formatted with its stage's
 * compiled format and handed to the sink. Entries of stages without settings are skipped.
 *
 * <p>Thread-safe: formats are immutable and the sink is thread-safe. Never blocks: the sink queues.
 */
final class AccessLogger implements RequestListener {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogger.class);

    private final Map<String, AccessLogFormat> formats;
    private final AccessLogSink sink;

    private AccessLogger(Map<String, AccessLogFormat> formats, AccessLogSink sink) {
        this.formats = formats;
        this.sink = sink;
    }

    /** Returns the access logger of {@code api}, or empty when none of its stages has {@code AccessLogSettings}. */
    static Optional<RequestListener> of(ApiDefinition api, AccessLogSink sink) {
        Map<String, AccessLogFormat> formats = AccessLogFormat.byStage(api);
        return formats.isEmpty() ? Optional.empty() : Optional.of(new AccessLogger(formats, sink));
    }

    @Override
    public void requestCompleted(AccessLogEntry entry) {
        AccessLogFormat format = formats.get(entry.stage());
        if (format == null) {
            return;
        }
        try {
            sink.write(entry.stage(), format.format(entry));
        } catch (RuntimeException e) {
            LOG.warn("Could not write an access-log line of stage {}: {}", entry.stage(), e.toString());
        }
    }
}
