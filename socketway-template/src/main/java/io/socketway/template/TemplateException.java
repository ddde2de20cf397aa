package io.socketway.template;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Reports a template that cannot be served, in the form
 * {@code template.yaml:42: Resources.ChatFunction.Properties.Timeout: "abc" (expected: a number of seconds from 1 to 900)}.
 *
 * <p>The message is meant to be shown to a person as it is, without a stack trace.
 */
public final class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final String path;

    TemplateException(Path file, int line, String path, String detail) {
        super(message(file, line, path, detail));
        this.file = file;
        this.line = line;
        this.path = path;
    }

    TemplateException(Path file, int line, String path, String detail, Throwable cause) {
        this(file, line, path, detail);
        initCause(cause);
    }

    /** Returns the template file, as the caller named it. */
    public Path file() {
        return file;
    }

    /** Returns the 1-based line of the offending value, when the parser could tell. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** Returns the path of the offending value, for example {@code Resources.ChatFunction.Properties.Handler}. */
    public String path() {
        return path;
    }

    private static String message(Path file, int line, String path, String detail) {
        StringBuilder message = new StringBuilder(file.toString());
        if (line > 0) {
            message.append(':').append(line);
        }
        message.append(": ");
        if (!path.isEmpty()) {
            message.append(path).append(": ");
        }
        return message.append(detail).toString();
    }
}
