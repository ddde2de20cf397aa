package io.socketway.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A YAML or JSON value with the 1-based line it starts on. Intrinsic functions appear as one-entry mappings whose key
 * is {@code Ref}, {@code Condition} or {@code Fn::*}, whether the template used the long or the short ({@code !Ref})
 * form; after resolution none are left. Immutable.
 */
sealed interface Tree permits Tree.Scalar, Tree.Sequence, Tree.Mapping {

    /** Returns the line this value starts on, or 0 when unknown. */
    int line();

    /** Renders this value for an error message, shortened when long. */
    default String render() {
        String text = renderFull();
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** Renders this value completely. */
    String renderFull();

    /** Returns a string scalar. */
    static Scalar string(String text, int line) {
        return new Scalar(text, Kind.STRING, line);
    }

    /** What a scalar looked like in the file; the text is kept as written either way. */
    enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    /** A scalar, kept as the text that was written. */
    record Scalar(String text, Kind kind, int line) implements Tree {
        /** Returns true for {@code ~}, {@code null} or an empty value. */
        boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String renderFull() {
            return switch (kind) {
                case STRING -> quote(text);
                case NULL -> "null";
                default -> text;
            };
        }

        static String quote(String text) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
    }

    /** A list. */
    record Sequence(List<Tree> items, int line) implements Tree {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String renderFull() {
            return items.stream().map(Tree::renderFull).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** One key of a mapping, with the line the key is on. */
    record Entry(String key, int keyLine, Tree value) {}

    /** A mapping that keeps its keys in file order. */
    record Mapping(Map<String, Entry> entries, int line) implements Tree {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** Returns an empty mapping. */
        static Mapping empty(int line) {
            return new Mapping(Map.of(), line);
        }

        /** Returns the value of {@code key}, if present. */
        Optional<Tree> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(Entry::value);
        }

        /** Returns the entry of {@code key}, if present. */
        Optional<Entry> entry(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        /** Returns the only entry when this mapping is an intrinsic function call such as {@code {Ref: X}}. */
        Optional<Entry> intrinsic() {
            if (entries.size() != 1) {
                return Optional.empty();
            }
            Entry only = entries.values().iterator().next();
            return isFunctionName(only.key()) ? Optional.of(only) : Optional.empty();
        }

        static boolean isFunctionName(String key) {
            return key.equals("Ref") || key.startsWith("Fn::");
        }

        @Override
        public String renderFull() {
            return entries.values().stream()
                    .map(e -> e.key() + ": " + e.value().renderFull())
                    .collect(Collectors.joining(", ", "{", "}"));
        }
    }
}
