package io.socketway.functions;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the handler class and method, parsed from a {@code Handler} value: {@code pkg.Class::method}, or {@code pkg.Class} for a class implementing
 * {@code RequestHandler} or {@code RequestStreamHandler}.
 *
 * <p>Threading: immutable.
 *
 * @param className the binary class name, for example {@code demo.Chat$Handler}
 * @param methodName the method after {@code ::}, empty for the interface form
 */
record HandlerName(String className, Optional<String> methodName) {
    private static final String IDENTIFIER = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*";
    private static final Pattern FORMAT = Pattern.compile(
            "(" + IDENTIFIER + "(?:[.$]" + IDENTIFIER + ")*)(?:::(" + IDENTIFIER + "))?");

    /** Parses {@code handler}, or returns empty when it is not in either form. */
    static Optional<HandlerName> parse(String handler) {
        Matcher matcher = FORMAT.matcher(handler.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new HandlerName(matcher.group(1), Optional.ofNullable(matcher.group(2))));
    }
}
