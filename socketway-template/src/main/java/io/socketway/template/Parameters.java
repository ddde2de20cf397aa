package io.socketway.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The template's {@code Parameters} with their final values: the override when there is one, else the
 * {@code Default}. String-like types give a string, list types ({@code CommaDelimitedList}, {@code List<...>}) a list.
 * Immutable once read.
 */
final class Parameters {
    private static final String TYPES =
            "String, Number, CommaDelimitedList, List<Number>, List<...> or an AWS::... type such as AWS::SSM::Parameter::Value<String>";

    private final Map<String, Tree> values;

    private Parameters(Map<String, Tree> values) {
        this.values = values;
    }

    /** Returns the value of parameter {@code name}, if the template declares it. */
    Optional<Tree> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Reads the {@code Parameters} section and applies {@code overrides}. */
    static Parameters read(Source source, Tree.Mapping root, Map<String, String> overrides) {
        Optional<Tree.Entry> section = root.entry("Parameters")
                .filter(entry -> !(entry.value() instanceof Tree.Scalar scalar && scalar.isNull()));
        Tree.Mapping declared = section.map(entry -> mapping(source, entry.value(), "Parameters",
                "a mapping of parameter names to their definitions")).orElse(Tree.Mapping.empty(0));
        checkOverridesAreDeclared(source, declared, section.map(Tree.Entry::keyLine).orElse(0), overrides);
        Map<String, Tree> values = new LinkedHashMap<>();
        for (Tree.Entry entry : declared.entries().values()) {
            values.put(entry.key(), new Parameter(source, entry).value(overrides));
        }
        return new Parameters(values);
    }

    private static void checkOverridesAreDeclared(
            Source source, Tree.Mapping declared, int line, Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!declared.entries().containsKey(name)) {
                String expected = declared.entries().isEmpty()
                        ? "no parameter overrides: the template declares no Parameters"
                        : "the name of a declared parameter: " + String.join(", ", declared.entries().keySet());
                throw source.error(line, "Parameters", Tree.Scalar.quote(name) + " (parameter override)", expected);
            }
        }
    }

    private static Tree.Mapping mapping(Source source, Tree value, String path, String expected) {
        if (value instanceof Tree.Mapping mapping) {
            return mapping;
        }
        throw source.error(value, path, expected);
    }

    /** One declared parameter. */
    private record Parameter(Source source, Tree.Entry entry, Tree.Mapping definition, String path) {
        Parameter(Source source, Tree.Entry entry) {
            this(source, entry, mapping(source, entry.value(), "Parameters." + entry.key(),
                    "a parameter definition with Type and Default"), "Parameters." + entry.key());
        }

        Tree value(Map<String, String> overrides) {
            String type = type();
            String override = overrides.get(entry.key());
            Tree.Scalar raw = override != null ? Tree.string(override, entry.keyLine()) : defaultValue();
            String where = override != null ? path : path + ".Default";
            String note = override != null ? " (parameter override)" : "";
            boolean list = type.startsWith("List<") || type.equals("CommaDelimitedList");
            List<String> items = list ? split(raw.text()) : List.of(raw.text());
            for (String item : items) {
                check(item, raw.line(), where, note, type);
            }
            return list ? new Tree.Sequence(items.stream().<Tree>map(i -> Tree.string(i, raw.line())).toList(),
                    raw.line()) : Tree.string(raw.text(), raw.line());
        }

        private String type() {
            Tree type = definition.get("Type").orElseThrow(
                    () -> source.missing(entry.keyLine(), path + ".Type", TYPES));
            if (type instanceof Tree.Scalar scalar && isKnownType(scalar.text())) {
                return scalar.text();
            }
            throw source.error(type, path + ".Type", TYPES);
        }

        private static boolean isKnownType(String type) {
            return type.equals("String") || type.equals("Number") || type.equals("CommaDelimitedList")
                    || (type.startsWith("List<") && type.endsWith(">")) || type.startsWith("AWS::");
        }

        private Tree.Scalar defaultValue() {
            Tree value = definition.get("Default").orElseThrow(() -> source.missing(entry.keyLine(), path,
                    "a Default or a parameter override for " + entry.key()));
            if (value instanceof Tree.Scalar scalar) {
                return scalar.isNull() ? Tree.string("", scalar.line()) : scalar;
            }
            throw source.error(value, path + ".Default", "a string (write list values comma-separated)");
        }

        private static List<String> split(String text) {
            List<String> items = new ArrayList<>();
            for (String item : text.split(",", -1)) {
                items.add(item.trim());
            }
            return items;
        }

        private void check(String value, int line, String where, String note, String type) {
            String shown = Tree.Scalar.quote(value) + note;
            if ((type.equals("Number") || type.equals("List<Number>")) && !isNumber(value)) {
                throw source.error(line, where, shown, "a number, as the parameter's Type is " + type);
            }
            List<String> allowed = allowedValues();
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                throw source.error(line, where, shown, "one of the AllowedValues: " + String.join(", ", allowed));
            }
            allowedPattern().filter(p -> !p.matcher(value).matches()).ifPresent(p -> {
                throw source.error(line, where, shown, "a value matching the AllowedPattern " + p.pattern()
                        + definition.get("ConstraintDescription").map(d -> " (" + text(d) + ")").orElse(""));
            });
        }

        private static boolean isNumber(String value) {
            try {
                new BigDecimal(value.trim());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private List<String> allowedValues() {
            Optional<Tree> allowed = definition.get("AllowedValues");
            if (allowed.isEmpty()) {
                return List.of();
            }
            if (allowed.get() instanceof Tree.Sequence sequence
                    && sequence.items().stream().allMatch(Tree.Scalar.class::isInstance)) {
                return sequence.items().stream().map(Parameter::text).collect(Collectors.toList());
            }
            throw source.error(allowed.get(), path + ".AllowedValues", "a list of strings");
        }

        private Optional<Pattern> allowedPattern() {
            Optional<Tree> pattern = definition.get("AllowedPattern");
            if (pattern.isEmpty()) {
                return Optional.empty();
            }
            try {
                if (pattern.get() instanceof Tree.Scalar scalar) {
                    return Optional.of(Pattern.compile(scalar.text()));
                }
            } catch (PatternSyntaxException e) {
                // reported below
            }
            throw source.error(pattern.get(), path + ".AllowedPattern", "a regular expression");
        }

        private static String text(Tree tree) {
            return tree instanceof Tree.Scalar scalar ? scalar.text() : tree.renderFull();
        }
    }
}
