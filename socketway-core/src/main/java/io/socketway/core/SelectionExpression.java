package io.socketway.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A compiled WebSocket selection expression such as {@code $request.body.action} or
 * {@code ${request.body.service}/${request.body.action}} (spec §1.2).
 *
 * <p>Compiled once per API; {@link #evaluate} reads the message as JSON only as far as needed: a single variable is
 * found with a streaming parser that builds no tree, and the rest of the message is only tokenized to confirm that it
 * is JSON. Immutable and thread-safe.
 */
final class SelectionExpression {
    private static final JsonFactory JSON = Json.MAPPER.getFactory();

    private final String source;
    private final List<Part> parts;
    private final List<List<String>> paths;
    private final ProtobufEnvelope envelope;

    private SelectionExpression(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
        this.paths = parts.stream().filter(p -> p.path != null).map(p -> p.path).toList();
        this.envelope = new ProtobufEnvelope(paths);
    }

    /**
     * Compiles an expression.
     *
     * @throws IllegalArgumentException when a variable is not a {@code request.body} path
     */
    static SelectionExpression compile(String expression) {
        return new SelectionExpression(expression, new ExpressionParser(expression).parse());
    }

    /** Returns true when the expression has no variables and always yields the same key. */
    boolean isStatic() {
        return paths.isEmpty();
    }

    /**
     * Evaluates against a message. Returns empty when the message is not JSON, or is a JSON scalar (such as
     * {@code 123}) for an expression with paths, which a scalar does not have (the caller then selects
     * {@code $default}); a path that does not exist yields an empty string.
     */
    Optional<String> evaluate(String message) {
        if (paths.isEmpty()) {
            // AWS parses the message first even for a constant: text that is not JSON goes to $default (spec §1.3)
            return JsonPaths.extract(JSON, message, paths) == null ? Optional.empty() : Optional.of(literalValue());
        }
        return join(JsonPaths.extract(JSON, message, paths));
    }

    /**
     * Evaluates against a binary Protocol Buffers envelope ({@link ProtobufEnvelope}). Returns empty when the message
     * is not a valid envelope (the caller then selects {@code $default}).
     */
    Optional<String> evaluateEnvelope(byte[] message) {
        if (paths.isEmpty()) {
            return Optional.of(literalValue());
        }
        return join(envelope.extract(message));
    }

    private Optional<String> join(@Nullable List<String> values) {
        if (values == null) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Part part : parts) {
            out.append(part.path == null ? part.literal : values.get(next++));
        }
        return Optional.of(out.toString());
    }

    private String literalValue() {
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p.literal));
        return out.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    /** A literal run of text, or a variable with a body path. */
    record Part(String literal, List<String> path) {}

    /** Parses the expression grammar of spec §1.2. */
    private static final class ExpressionParser {
        private final String text;
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private int pos;

        ExpressionParser(String text) {
            this.text = text;
        }

        List<Part> parse() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '$') {
                    literal.append('$');
                    pos += 2;
                } else if (c == '$' && pos + 1 < text.length() && text.charAt(pos + 1) == '{') {
                    int end = text.indexOf('}', pos);
                    if (end < 0) {
                        throw new IllegalArgumentException(
                                "selection expression: " + text + " (expected: a closing } after ${)");
                    }
                    variable(text.substring(pos + 2, end));
                    pos = end + 1;
                } else if (c == '$' && text.startsWith("request.", pos + 1)) {
                    int end = pos + 1;
                    while (end < text.length() && isPathChar(text.charAt(end))) {
                        end++;
                    }
                    variable(text.substring(pos + 1, end));
                    pos = end;
                } else {
                    literal.append(c);
                    pos++;
                }
            }
            flushLiteral();
            return parts;
        }

        private static boolean isPathChar(char c) {
            return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '[' || c == ']';
        }

        private void variable(String variable) {
            String prefix = "request.body";
            if (!variable.equals(prefix) && !variable.startsWith(prefix + ".") && !variable.startsWith(prefix + "[")) {
                throw new IllegalArgumentException("selection expression: " + text
                        + " (expected: variables of the form $request.body.path; found " + variable + ")");
            }
            flushLiteral();
            parts.add(new Part(null, splitPath(variable, variable.substring(prefix.length()))));
        }

        private void flushLiteral() {
            if (!literal.isEmpty()) {
                parts.add(new Part(literal.toString(), null));
                literal.setLength(0);
            }
        }

        private List<String> splitPath(String variable, String suffix) {
            List<String> segments = new ArrayList<>();
            for (String raw : suffix.replace("[", ".[").split("\\.")) {
                if (raw.isEmpty()) {
                    continue;
                }
                segments.add(raw.startsWith("[") ? unbracket(variable, raw) : raw);
            }
            return segments;
        }

        private String unbracket(String variable, String raw) {
            String inner = raw.length() >= 2 && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : null;
            boolean quoted = inner != null && (inner.startsWith("'") || inner.startsWith("\""));
            if (inner == null || inner.isEmpty() || (quoted && (inner.length() < 2
                    || inner.charAt(inner.length() - 1) != inner.charAt(0)))) {
                throw new IllegalArgumentException("selection expression: " + text + " (expected: " + variable
                        + " to use [name] or, with quotes, the braced form ${request.body.a['name']})");
            }
            return quoted ? inner.substring(1, inner.length() - 1) : inner;
        }
    }

    /** Streams a JSON document once, collecting the values at several paths. */
    static final class JsonPaths {
        private JsonPaths() {}

        /**
         * Returns the values at {@code paths} (empty strings where absent), or null when the text is not JSON, or is a
         * scalar while there are paths.
         */
        static List<String> extract(JsonFactory json, String text, List<List<String>> paths) {
            String[] values = new String[paths.size()];
            try (JsonParser parser = json.createParser(text)) {
                JsonToken first = parser.nextToken();
                if (first == null || (!paths.isEmpty() && !first.isStructStart())) {
                    return null; // empty, or a scalar, which has no paths to evaluate
                }
                walk(parser, new ArrayList<>(), paths, values);
                if (parser.nextToken() != null) {
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
            List<String> out = new ArrayList<>(values.length);
            for (String v : values) {
                out.add(v == null ? "" : v);
            }
            return out;
        }

        private static void walk(JsonParser parser, List<String> at, List<List<String>> paths, String[] values)
                throws IOException {
            int wanted = matchIndex(at, paths);
            if (wanted >= 0) {
                String value = stringify(parser);
                for (int i = 0; i < paths.size(); i++) {
                    if (paths.get(i).equals(at)) {
                        values[i] = value;
                    }
                }
                return;
            }
            if (!isPrefixOfAny(at, paths)) {
                parser.skipChildren();
                return;
            }
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    at.add(parser.currentName());
                    parser.nextToken();
                    walk(parser, at, paths, values);
                    at.remove(at.size() - 1);
                }
            } else if (token == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    at.add(Integer.toString(index++));
                    walk(parser, at, paths, values);
                    at.remove(at.size() - 1);
                }
            }
        }

        private static int matchIndex(List<String> at, List<List<String>> paths) {
            for (int i = 0; i < paths.size(); i++) {
                if (paths.get(i).equals(at)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean isPrefixOfAny(List<String> at, List<List<String>> paths) {
            for (List<String> path : paths) {
                if (path.size() > at.size() && path.subList(0, at.size()).equals(at)) {
                    return true;
                }
            }
            return false;
        }

        /** Renders the current value as AWS does: strings raw, scalars as text, arrays as {@code [a, b]}. */
        private static String stringify(JsonParser parser) throws IOException {
            JsonToken token = parser.currentToken();
            return switch (token) {
                case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> parser.getText();
                case VALUE_NULL -> "";
                case START_ARRAY -> {
                    List<String> items = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        items.add(stringify(parser));
                    }
                    yield "[" + String.join(", ", items) + "]";
                }
                case START_OBJECT -> {
                    List<String> fields = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        fields.add(name + "=" + stringify(parser));
                    }
                    yield "{" + String.join(", ", fields) + "}";
                }
                default -> "";
            };
        }
    }
}
