package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

/**
 * A stage's {@code AccessLogSettings}: one line per connect, message and disconnect, in the stage's format with AWS's
 * {@code $context} variables.
 *
 * @param destinationArn the template's {@code DestinationArn} (a CloudWatch Logs group or Firehose stream), empty when
 *     absent; it cannot be honoured locally, so where lines go is a setting of the node ({@code --access-log})
 * @param format the line format, for example {@code {"requestId":"$context.requestId"}}; it contains
 *     {@code $context.requestId} or {@code $context.extendedRequestId}, as AWS requires
 */
public record AccessLogSettings(String destinationArn, String format) {
    /** The longest format AWS accepts: 3 KB. */
    public static final int MAX_FORMAT_LENGTH = 3 * 1024;

    public AccessLogSettings {
        notNull(destinationArn, "destinationArn");
        notNull(format, "format");
        checkArgument(format.contains("$context.requestId") || format.contains("$context.extendedRequestId"),
                "format: %s (expected: a format containing $context.requestId or $context.extendedRequestId)", format);
        checkArgument(format.length() <= MAX_FORMAT_LENGTH, "format: %s characters (expected: at most %s)",
                format.length(), MAX_FORMAT_LENGTH);
    }
}
