package io.socketway.template;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves the template's {@code Outputs} to strings, in file order, skipping outputs whose {@code Condition} is
 * false. AWS endpoint URLs are left as AWS would build them.
 */
final class OutputReader {
    private static final String VALUE = "a string, or a list of strings";

    private OutputReader() {}

    /** Returns each output's resolved {@code Value} by output name; a list becomes comma-separated text. */
    static Map<String, String> read(LoadContext context) {
        Map<String, String> outputs = new LinkedHashMap<>();
        Tree.Mapping section = context.template().section("Outputs").orElse(Tree.Mapping.empty(0));
        for (Tree.Entry entry : section.entries().values()) {
            String path = "Outputs." + entry.key();
            if (!(entry.value() instanceof Tree.Mapping output)) {
                throw context.source().error(entry.value(), path, "an output with a Value");
            }
            if (isActive(context, output, path)) {
                value(context, output, path, entry.keyLine()).ifPresent(value -> outputs.put(entry.key(), value));
            }
        }
        return outputs;
    }

    private static boolean isActive(LoadContext context, Tree.Mapping output, String path) {
        Optional<Tree> condition = output.get("Condition");
        if (condition.isEmpty()) {
            return true;
        }
        if (condition.get() instanceof Tree.Scalar name && name.kind() == Tree.Kind.STRING) {
            return context.intrinsics().conditions().isTrue(name.text(), name.line(), path + ".Condition");
        }
        throw context.source().error(condition.get(), path + ".Condition", "the name of a condition in Conditions");
    }

    private static Optional<String> value(LoadContext context, Tree.Mapping output, String path, int line) {
        Tree raw = output.get("Value").orElseThrow(() -> context.source().missing(line, path + ".Value", VALUE));
        return context.intrinsics().resolve(raw, path + ".Value").map(value -> switch (value) {
            case Tree.Scalar scalar -> scalar.isNull() ? "" : scalar.text();
            case Tree.Sequence sequence when sequence.items().stream().allMatch(Tree.Scalar.class::isInstance) ->
                    sequence.items().stream().map(item -> ((Tree.Scalar) item).text()).collect(Collectors.joining(","));
            default -> throw context.source().error(value, path + ".Value", VALUE);
        });
    }
}
