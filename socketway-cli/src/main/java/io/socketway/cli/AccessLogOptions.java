package io.socketway.cli;

import ch.qos.logback.core.util.FileSize;
import io.socketway.api.ApiDefinition;
import io.socketway.api.StageDefinition;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Options of {@code socketway run} for the access logs of stages with {@code AccessLogSettings}: where the lines go
 * (the template's {@code DestinationArn}, a CloudWatch Logs group or Firehose stream, cannot be honoured locally).
 */
final class AccessLogOptions {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogOptions.class);
    /** Lines queued for the writer before new ones are dropped. */
    static final int QUEUE_LINES = 65_536;

    @Option(names = "--access-log", paramLabel = "stdout|stderr|off|FILE",
            description = "Where stages with AccessLogSettings write their access log: stdout, stderr, off, or a file"
                    + " rotated by size (default: stdout when a stage has AccessLogSettings).")
    String destination = "stdout";

    @Option(names = "--access-log-max-bytes", paramLabel = "SIZE", defaultValue = "100MB",
            description = "Size at which an access-log FILE is rotated, e.g. 10MB or 1GB (default: ${DEFAULT-VALUE}).")
    String maxBytes;

    @Option(names = "--access-log-keep", defaultValue = "5",
            description = "Rotated access-log files kept besides the current one (FILE.1 the newest), 1 to 20"
                    + " (default: ${DEFAULT-VALUE}).")
    int keep;

    /** Returns the writer for {@code api}'s access logs, or empty when no stage has settings or logs are off. */
    Optional<AccessLogWriter> open(ApiDefinition api) {
        long size = size();
        if (keep < 1 || keep > 20) {
            throw new IllegalArgumentException("--access-log-keep: " + keep + " (expected: 1 to 20)");
        }
        if (api.stages().stream().map(StageDefinition::accessLogSettings).allMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (destination) {
            case "off" -> null;
            case "stdout" -> AccessLogWriter.to(new FileOutputStream(FileDescriptor.out), QUEUE_LINES);
            case "stderr" -> AccessLogWriter.to(new FileOutputStream(FileDescriptor.err), QUEUE_LINES);
            default -> {
                LOG.info("Access logs go to {} (rotated at {} bytes, {} kept)", destination, size, keep);
                yield AccessLogWriter.rollingFile(Path.of(destination), size, keep, QUEUE_LINES);
            }
        });
    }

    private long size() {
        try {
            long bytes = FileSize.valueOf(maxBytes).getSize();
            if (bytes > 0) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("--access-log-max-bytes: " + maxBytes
                + " (expected: a size such as 1048576, 512KB, 100MB or 1GB)");
    }
}
