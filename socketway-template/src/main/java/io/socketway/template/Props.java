package io.socketway.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A typed view of a mapping of template values, such as a resource's {@code Properties}. Each value is evaluated
 * when read, so properties nobody reads are never evaluated; a value that evaluates to {@code AWS::NoValue} or
 * {@code null} reads as absent. Every type error names the value's path and line.
 */
final class Props {
    private final Intrinsics intrinsics;
    private final Source source;
    private final String path;
    private final int line;
    private final Map<String, Located> values;

    /** A value with the path it was written at. */
    record Located(Tree raw, String path) {}

    private Props(Intrinsics intrinsics, Source source, String path, int line, Map<String, Located> values) {
        this.intrinsics = intrinsics;
        this.source = source;
        this.path = path;
        this.line = line;
        this.values = values;
    }

    /** Returns the properties of {@code resource}. */
    static Props of(Intrinsics intrinsics, Source source, Resource resource) {
        return of(intrinsics, source, resource.path() + ".Properties", resource.propertiesLine(), resource.properties());
    }

    /** Returns a view of {@code mapping}, written at {@code path}. */
    static Props of(Intrinsics intrinsics, Source source, String path, int line, Tree.Mapping mapping) {
        Map<String, Located> values = new LinkedHashMap<>();
        mapping.entries().values().forEach(e -> values.put(e.key(), new Located(e.value(), path + "." + e.key())));
        return new Props(intrinsics, source, path, line, values);
    }

    /** Returns these properties on top of {@code defaults}: a key set here replaces the default's. */
    Props over(Props defaults) {
        Map<String, Located> merged = new LinkedHashMap<>(defaults.values);
        merged.putAll(values);
        return new Props(intrinsics, source, path, line, merged);
    }

    /** Returns the keys, in file order. */
    Set<String> keys() {
        return values.keySet();
    }

    /** Returns the path a key's value was written at. */
    String path(String key) {
        Located located = values.get(key);
        return located != null ? located.path() : path + "." + key;
    }

    /** Returns the line to blame for a missing key. */
    int line() {
        return line;
    }

    /** Returns the evaluated value of {@code key}; empty when absent, {@code AWS::NoValue} or {@code null}. */
    Optional<Tree> value(String key) {
        Located located = values.get(key);
        if (located == null) {
            return Optional.empty();
        }
        return intrinsics.resolve(located.raw(), located.path())
                .filter(value -> !(value instanceof Tree.Scalar scalar && scalar.isNull()));
    }

    /** Returns the value of {@code key} as a string, if present. */
    Optional<String> string(String key, String expected) {
        return value(key).map(value -> {
            if (value instanceof Tree.Scalar scalar) {
                return scalar.text();
            }
            throw source.error(value, path(key), expected);
        });
    }

    /** Returns the value of {@code key} as a string, failing when absent. */
    String requiredString(String key, String expected) {
        return string(key, expected).orElseThrow(() -> source.missing(line, path(key), expected));
    }

    /** Returns the value of {@code key} as an integer from {@code min} to {@code max}, if present. */
    OptionalInt integer(String key, int min, int max, String expected) {
        Optional<Tree> value = value(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.get() instanceof Tree.Scalar scalar && scalar.text().trim().matches("-?\\d{1,9}")) {
            int number = Integer.parseInt(scalar.text().trim());
            if (number >= min && number <= max) {
                return OptionalInt.of(number);
            }
        }
        throw source.error(value.get(), path(key), expected);
    }

    /** Returns the value of {@code key} as a mapping of strings, empty when absent. */
    Map<String, String> stringMap(String key, String expected) {
        Optional<Tree> value = value(key);
        Map<String, String> result = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return result;
        }
        if (!(value.get() instanceof Tree.Mapping mapping)) {
            throw source.error(value.get(), path(key), expected);
        }
        for (Tree.Entry entry : mapping.entries().values()) {
            if (!(entry.value() instanceof Tree.Scalar scalar)) {
                throw source.error(entry.value(), path(key) + "." + entry.key(), "a string");
            }
            result.put(entry.key(), scalar.isNull() ? "" : scalar.text());
        }
        return result;
    }

    /** Returns the value of {@code key} as a list of strings (a single string counts as one), empty when absent. */
    java.util.List<String> stringList(String key, String expected) {
        Optional<Tree> value = value(key);
        java.util.List<String> result = new java.util.ArrayList<>();
        if (value.isEmpty()) {
            return result;
        }
        java.util.List<Tree> items = value.get() instanceof Tree.Sequence sequence ? sequence.items()
                : java.util.List.of(value.get());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Tree.Scalar scalar) || scalar.isNull()) {
                throw source.error(items.get(i), path(key) + "[" + i + "]", expected);
            }
            result.add(scalar.text());
        }
        return result;
    }

    /** Returns the value of {@code key} as nested properties, if present. */
    Optional<Props> mapping(String key, String expected) {
        return value(key).map(value -> {
            if (value instanceof Tree.Mapping mapping) {
                return of(intrinsics, source, path(key), value.line(), mapping);
            }
            throw source.error(value, path(key), expected);
        });
    }
}
