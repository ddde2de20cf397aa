package io.socketway.security.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Parses and formats the SigV4 timestamp, ISO-8601 basic format in UTC: {@code yyyyMMdd'T'HHmmss'Z'}. */
final class AmzDate {

    private static final Pattern SHAPE = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AmzDate() {}

    /** Returns the instant, or throws a denial unless {@code value} is exactly 16 characters of a valid date-time. */
    static Instant parse(String value) {
        if (!SHAPE.matcher(value).matches()) {
            throw Denials.badDate(value);
        }
        try {
            return LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8),
                    digits(value, 9, 11), digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw Denials.badDate(value);
        }
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    private static int digits(String value, int from, int to) {
        return Integer.parseInt(value, from, to, 10);
    }
}
