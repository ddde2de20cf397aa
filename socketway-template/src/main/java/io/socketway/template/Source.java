package io.socketway.template;

import java.nio.file.Path;

/**
 * Builds {@link TemplateException}s for one template file, always in the form
 * {@code file:line: path: value (expected: ...)}.
 *
 * @param file the template file as the caller named it
 */
record Source(Path file) {

    /** Returns the value shown for a property that is absent. */
    static final String MISSING = "(missing)";

    /** Returns an error about {@code value} found at {@code path}. */
    TemplateException error(Tree value, String path, String expected) {
        return error(value.line(), path, value.render(), expected);
    }

    /** Returns an error about a value already rendered for the message. */
    TemplateException error(int line, String path, String renderedValue, String expected) {
        return new TemplateException(file, line, path, renderedValue + " (expected: " + expected + ")");
    }

    /** Returns an error about a required value that is absent; {@code line} is where its parent starts. */
    TemplateException missing(int line, String path, String expected) {
        return error(line, path, MISSING, expected);
    }
}
