package io.socketway.template;

import java.util.function.Function;

/**
 * Expands the {@code ${Name}} placeholders of an {@code Fn::Sub} string; {@code ${!Literal}} stays as
 * {@code ${Literal}} and an unclosed {@code ${} is kept as written.
 */
final class SubTemplate {
    private SubTemplate() {}

    /** Returns {@code text} with each placeholder replaced by {@code lookup} of its trimmed name. */
    static String expand(String text, Function<String, String> lookup) {
        StringBuilder result = new StringBuilder(text.length());
        int position = 0;
        while (position < text.length()) {
            int start = text.indexOf("${", position);
            int end = start < 0 ? -1 : text.indexOf('}', start + 2);
            if (end < 0) {
                return result.append(text, position, text.length()).toString();
            }
            result.append(text, position, start);
            String name = text.substring(start + 2, end);
            result.append(name.startsWith("!") ? "${" + name.substring(1) + "}" : lookup.apply(name.trim()));
            position = end + 1;
        }
        return result.toString();
    }
}
