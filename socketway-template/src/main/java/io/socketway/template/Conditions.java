package io.socketway.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the template's {@code Conditions} ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}
 * and {@code Condition} references), each once. Belongs to one {@link Intrinsics}; not thread-safe.
 */
final class Conditions {
    private static final String CONDITION = "a condition: Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition";

    private final Template template;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> results = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    Conditions(Template template, Intrinsics intrinsics) {
        this.template = template;
        this.intrinsics = intrinsics;
    }

    /** Returns true when the resource has no {@code Condition} or its condition is true. */
    boolean isActive(Resource resource) {
        return resource.condition()
                .map(name -> isTrue(name.text(), name.line(), resource.path() + ".Condition"))
                .orElse(true);
    }

    /** Returns the value of the named condition; {@code line} and {@code path} locate the reference. */
    boolean isTrue(String name, int line, String path) {
        Boolean known = results.get(name);
        if (known != null) {
            return known;
        }
        Tree.Mapping section = template.section("Conditions").orElse(Tree.Mapping.empty(0));
        Tree definition = section.get(name).orElseThrow(() -> template.source().error(line, path,
                Tree.Scalar.quote(name), "the name of a condition in Conditions"
                        + (section.entries().isEmpty() ? " (the template has none)"
                                : ": " + String.join(", ", section.entries().keySet()))));
        if (!evaluating.add(name)) {
            throw template.source().error(line, path, Tree.Scalar.quote(name), "conditions that do not refer to themselves");
        }
        boolean value = evaluate(definition, "Conditions." + name);
        evaluating.remove(name);
        results.put(name, value);
        return value;
    }

    /** Evaluates a condition function such as {@code {Fn::Equals: [a, b]}}. */
    boolean evaluate(Tree condition, String path) {
        if (condition instanceof Tree.Mapping mapping && mapping.entries().size() == 1) {
            return evaluate(mapping.entries().values().iterator().next(), path);
        }
        throw template.source().error(condition, path, CONDITION);
    }

    /** Evaluates one condition function given as its mapping entry. */
    boolean evaluate(Tree.Entry function, String path) {
        String at = path + "." + function.key();
        Tree argument = function.value();
        return switch (function.key()) {
            case "Fn::Equals" -> equal(arguments(argument, 2, 2, at), at);
            case "Fn::Not" -> !evaluate(arguments(argument, 1, 1, at).get(0), at + "[0]");
            case "Fn::And" -> all(arguments(argument, 2, 10, at), at).stream().allMatch(b -> b);
            case "Fn::Or" -> all(arguments(argument, 2, 10, at), at).stream().anyMatch(b -> b);
            case "Condition" -> isTrue(intrinsics.text(argument, at, "the name of a condition"), argument.line(), at);
            default -> throw template.source().error(function.keyLine(), path, Tree.Scalar.quote(function.key()), CONDITION);
        };
    }

    private boolean equal(List<Tree> values, String at) {
        return canonical(values.get(0), at + "[0]").equals(canonical(values.get(1), at + "[1]"));
    }

    private String canonical(Tree raw, String at) {
        Tree value = intrinsics.resolveRequired(raw, at, "a value to compare");
        return value instanceof Tree.Scalar scalar ? scalar.text() : value.renderFull();
    }

    private List<Boolean> all(List<Tree> conditions, String at) {
        List<Boolean> values = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            values.add(evaluate(conditions.get(i), at + "[" + i + "]"));
        }
        return values;
    }

    private List<Tree> arguments(Tree argument, int min, int max, String at) {
        if (argument instanceof Tree.Sequence sequence
                && sequence.items().size() >= min && sequence.items().size() <= max) {
            return sequence.items();
        }
        String count = min == max ? String.valueOf(min) : min + " to " + max;
        throw template.source().error(argument, at, "a list of " + count + (min == 2 && max == 2 ? " values" : " conditions"));
    }
}
