package io.socketway.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates the intrinsic functions in a template value. One instance serves one load: it is not thread-safe, and it
 * remembers condition results while the load runs.
 */
final class Intrinsics {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    /** The YAML 1.1 spellings of true, which SnakeYAML reads as booleans. */
    private static final java.util.Set<String> YAML_TRUE = java.util.Set.of("true", "yes", "y", "on");
    private final Template template;
    private final Source source;
    private final Conditions conditions;
    private final References references;
    private final IgnoredItems ignored;

    Intrinsics(Template template, IgnoredItems ignored) {
        this.ignored = ignored;
        this.template = template;
        this.source = template.source();
        this.conditions = new Conditions(template, this);
        this.references = new References(template, this);
    }

    /** Returns the evaluator of {@code Conditions}. */
    Conditions conditions() {
        return conditions;
    }

    /** Returns the values of {@code Ref} and {@code Fn::GetAtt} on resources. */
    References references() {
        return references;
    }

    /** Returns {@code raw} with every intrinsic function evaluated; empty when it is {@code AWS::NoValue}. */
    Optional<Tree> resolve(Tree raw, String path) {
        return switch (raw) {
            case Tree.Scalar scalar -> Optional.of(scalar);
            case Tree.Sequence sequence -> Optional.of(sequence(sequence, path));
            case Tree.Mapping mapping -> mapping.intrinsic().isPresent()
                    ? call(mapping.intrinsic().get(), mapping.line(), path)
                    : Optional.of(mapping(mapping, path));
        };
    }

    /** Returns {@code raw} evaluated, failing when it is {@code AWS::NoValue}. */
    Tree resolveRequired(Tree raw, String path, String expected) {
        return resolve(raw, path).orElseThrow(() -> source.error(raw, path, expected));
    }

    /** Returns {@code raw} evaluated to a string scalar's text. */
    String text(Tree raw, String path, String expected) {
        return scalarText(resolveRequired(raw, path, expected), path, expected);
    }

    private Tree sequence(Tree.Sequence sequence, String path) {
        List<Tree> items = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            resolve(sequence.items().get(i), path + "[" + i + "]").ifPresent(items::add);
        }
        return new Tree.Sequence(items, sequence.line());
    }

    private Tree mapping(Tree.Mapping mapping, String path) {
        Map<String, Tree.Entry> entries = new LinkedHashMap<>();
        for (Tree.Entry entry : mapping.entries().values()) {
            resolve(entry.value(), path.isEmpty() ? entry.key() : path + "." + entry.key())
                    .ifPresent(value -> entries.put(entry.key(), new Tree.Entry(entry.key(), entry.keyLine(), value)));
        }
        return new Tree.Mapping(entries, mapping.line());
    }

    private Optional<Tree> call(Tree.Entry function, int line, String path) {
        String at = path + "." + function.key();
        Tree argument = function.value();
        return switch (function.key()) {
            case "Ref" -> ref(argument, line, at);
            case "Fn::If" -> ifThenElse(argument, at);
            case "Fn::GetAtt" -> Optional.of(getAtt(argument, line, at));
            case "Fn::Sub" -> Optional.of(sub(argument, line, at));
            case "Fn::Join" -> Optional.of(join(argument, line, at));
            case "Fn::Select" -> Optional.of(select(argument, at));
            case "Fn::Split" -> Optional.of(split(argument, line, at));
            case "Fn::FindInMap" -> Optional.of(findInMap(argument, line, at));
            case "Fn::Base64" -> Optional.of(base64(argument, line, at));
            case "Fn::GetAZs" -> Optional.of(availabilityZones(argument, line, at));
            case "Fn::ToJsonString" -> Optional.of(Tree.string(json(resolveRequired(argument, at,
                    "an object or a list (AWS::LanguageExtensions)")), line));
            case "Fn::Length" -> Optional.of(new Tree.Scalar(Integer.toString(items(resolveRequired(argument, at,
                    "a list (AWS::LanguageExtensions)"), at).size()), Tree.Kind.NUMBER, line));
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" ->
                    Optional.of(Tree.string(String.valueOf(conditions.evaluate(function, path)), line));
            case "Fn::ImportValue" -> throw source.error(argument, at,
                    "no Fn::ImportValue: Socketway runs one stack, so there are no exports to import; use a parameter");
            default -> throw source.error(line, path, Tree.Scalar.quote(function.key()),
                    "an intrinsic function Socketway evaluates: " + IntrinsicNames.supportedList());
        };
    }

    private Optional<Tree> ref(Tree argument, int line, String at) {
        String name = text(argument, at, "the name of a parameter, a resource or a pseudo parameter");
        if (name.equals("AWS::NoValue")) {
            return Optional.empty();
        }
        Optional<Tree> value = PseudoParameters.value(template, name, line)
                .or(() -> template.parameters().value(name).map(v -> relined(v, line)));
        if (value.isPresent()) {
            return value;
        }
        Optional<Resource> resource = template.resources().find(name);
        if (resource.isPresent()) {
            return Optional.of(Tree.string(references.ref(resource.get()), line));
        }
        return Optional.of(Tree.string(samGenerated(name, "").orElseThrow(() -> source.error(line, at,
                Tree.Scalar.quote(name), "the name of a parameter, a resource or a pseudo parameter such as"
                        + " AWS::Region")), line));
    }

    /**
     * Returns what {@code Ref} (empty {@code attribute}) or {@code Fn::GetAtt} gives for a resource that the SAM
     * transform generates from a function: {@code Fn.Alias} and {@code FnAlias{name}} (the alias ARN of
     * {@code AutoPublishAlias}), {@code Fn.Version} (a version ARN) and {@code FnRole} (the execution role SAM makes
     * for a function without {@code Role}).
     */
    private Optional<String> samGenerated(String name, String attribute) {
        // Only names of these shapes are looked at, and only the function they name is resolved: resolving other
        // functions' properties here could loop back into the property being resolved.
        for (Resource function : template.resources().ofType(ResourceTypes.SERVERLESS_FUNCTION)) {
            String id = function.logicalId();
            boolean aliasName = name.equals(id + ".Alias")
                    || name.startsWith(id + "Alias") && name.length() > id.length() + "Alias".length();
            if (attribute.isEmpty() && aliasName) {
                Optional<String> alias = samProperty(function, "AutoPublishAlias")
                        .map(raw -> text(raw, function.propertyPath("AutoPublishAlias"), "an alias name"));
                if (alias.isPresent() && (name.equals(id + ".Alias") || name.equals(id + "Alias" + alias.get()))) {
                    return Optional.of(functionArn(function) + ":" + alias.get());
                }
            } else if (attribute.isEmpty() && name.equals(id + ".Version")) {
                return Optional.of(functionArn(function) + ":1");
            } else if (name.equals(id + "Role") && samProperty(function, "Role").isEmpty()) {
                String role = template.stackName() + "-" + id + "Role";
                if (attribute.isEmpty()) {
                    return Optional.of(role);
                }
                if (attribute.equals("Arn")) {
                    return Optional.of("arn:" + io.socketway.api.Partitions.of(template.region()) + ":iam::"
                            + template.accountId() + ":role/" + role);
                }
            }
        }
        return Optional.empty();
    }

    private String functionArn(Resource function) {
        return references.functionArn(references.functionName(function));
    }

    /** Returns a SAM function's property as written on the function or, failing that, in {@code Globals.Function}. */
    private Optional<Tree> samProperty(Resource function, String property) {
        return function.properties().get(property).or(() -> template.section("Globals")
                .flatMap(globals -> globals.get("Function"))
                .filter(Tree.Mapping.class::isInstance).map(Tree.Mapping.class::cast)
                .flatMap(defaults -> defaults.get(property)));
    }

    private Tree getAtt(Tree argument, int line, String at) {
        Tree resolved = resolveRequired(argument, at, "[LogicalId, Attribute] or LogicalId.Attribute");
        List<String> parts = switch (resolved) {
            case Tree.Sequence sequence when sequence.items().size() == 2 ->
                    sequence.items().stream().map(item -> item instanceof Tree.Scalar s ? s.text() : "").toList();
            case Tree.Scalar scalar -> List.of(scalar.text().split("\\.", 2));
            default -> List.of();
        };
        if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            throw source.error(resolved, at, "[LogicalId, Attribute] or LogicalId.Attribute");
        }
        return Tree.string(attribute(parts.get(0), parts.get(1), line, at), line);
    }

    private String attribute(String logicalId, String attribute, int line, String at) {
        Optional<Resource> found = template.resources().find(logicalId);
        if (found.isEmpty()) {
            return samGenerated(logicalId, attribute).orElseThrow(() -> source.error(line, at,
                    Tree.Scalar.quote(logicalId + "." + attribute), "the logical id of a resource in this template"));
        }
        Resource resource = found.get();
        Optional<java.util.Set<String>> known = References.attributes(resource.type());
        if (known.isPresent() && !known.get().contains(attribute)) {
            throw source.error(line, at, Tree.Scalar.quote(logicalId + "." + attribute), "an attribute of "
                    + resource.type() + ": " + String.join(", ", new java.util.TreeSet<>(known.get())));
        }
        if ((resource.type().equals("AWS::CloudFormation::Stack")
                || resource.type().equals("AWS::Serverless::Application")) && attribute.startsWith("Outputs.")) {
            ignored.add(resource.path() + "." + attribute, "the outputs of a nested stack (" + resource.type()
                    + ", not run by Socketway) are not known: Fn::GetAtt " + logicalId + "." + attribute + " gives the"
                    + " placeholder \"" + logicalId + "." + attribute + "\"; pass the value as a parameter instead");
        }
        return references.getAtt(resource, attribute);
    }

    private Tree sub(Tree argument, int line, String at) {
        String expected = "a string, or [string, {Name: value, ...}]";
        Map<String, String> variables = new LinkedHashMap<>();
        Tree text = argument;
        if (argument instanceof Tree.Sequence sequence && sequence.items().size() == 2
                && sequence.items().get(1) instanceof Tree.Mapping mapping) {
            text = sequence.items().get(0);
            for (Tree.Entry entry : mapping.entries().values()) {
                variables.put(entry.key(), text(entry.value(), at + "[1]." + entry.key(), "a string"));
            }
        }
        if (!(text instanceof Tree.Scalar scalar) || scalar.isNull()) {
            throw source.error(argument, at, expected);
        }
        return Tree.string(SubTemplate.expand(scalar.text(), name -> variables.containsKey(name)
                ? variables.get(name) : subVariable(name, line, at)), line);
    }

    private String subVariable(String name, int line, String at) {
        if (name.startsWith("stageVariables.")) {
            return "${" + name + "}";
        }
        String expected = "a parameter, a resource, a pseudo parameter or Resource.Attribute";
        Optional<Tree> value = name.equals("AWS::NoValue") ? Optional.empty()
                : PseudoParameters.value(template, name, line).or(() -> template.parameters().value(name));
        if (value.isPresent() && value.get() instanceof Tree.Scalar scalar) {
            return scalar.text();
        }
        if (value.isPresent()) {
            throw source.error(line, at, Tree.Scalar.quote("${" + name + "}"), "a string value; join list parameters with Fn::Join");
        }
        Optional<Resource> resource = template.resources().find(name);
        if (resource.isPresent()) {
            return references.ref(resource.get());
        }
        Optional<String> generated = samGenerated(name, ""); // ${Fn.Alias}, ${FnAliaslive}, ${Fn.Version}, ${FnRole}
        if (generated.isPresent()) {
            return generated.get();
        }
        int dot = name.indexOf('.');
        if (dot > 0 && (template.resources().find(name.substring(0, dot)).isPresent()
                || samGenerated(name.substring(0, dot), name.substring(dot + 1)).isPresent())) {
            return attribute(name.substring(0, dot), name.substring(dot + 1), line, at);
        }
        throw source.error(line, at, Tree.Scalar.quote("${" + name + "}"), expected);
    }

    private Tree join(Tree argument, int line, String at) {
        List<Tree> arguments = arguments(argument, 2, at, "[delimiter, [value, ...]]");
        String delimiter = scalarText(arguments.get(0), at + "[0]", "a delimiter string");
        return Tree.string(items(arguments.get(1), at + "[1]").stream()
                .map(item -> scalarText(item, at + "[1]", "a list of strings"))
                .collect(Collectors.joining(delimiter)), line);
    }

    private Optional<Tree> ifThenElse(Tree argument, String at) {
        if (!(argument instanceof Tree.Sequence sequence) || sequence.items().size() != 3) {
            throw source.error(argument, at, "[condition name, value if true, value if false]");
        }
        Tree name = sequence.items().get(0);
        boolean value = conditions.isTrue(scalarText(name, at + "[0]", "the name of a condition"), name.line(),
                at + "[0]");
        return resolve(sequence.items().get(value ? 1 : 2), at + (value ? "[1]" : "[2]"));
    }

    private Tree select(Tree argument, String at) {
        List<Tree> arguments = arguments(argument, 2, at, "[index, [value, ...]]");
        String index = scalarText(arguments.get(0), at + "[0]", "an index from 0");
        List<Tree> items = items(arguments.get(1), at + "[1]");
        if (!index.matches("\\d{1,9}") || Integer.parseInt(index) >= items.size()) {
            throw source.error(arguments.get(0), at + "[0]", "an index from 0 to " + (items.size() - 1));
        }
        return items.get(Integer.parseInt(index));
    }

    private Tree split(Tree argument, int line, String at) {
        List<Tree> arguments = arguments(argument, 2, at, "[delimiter, string]");
        String delimiter = scalarText(arguments.get(0), at + "[0]", "a delimiter string");
        String text = scalarText(arguments.get(1), at + "[1]", "a string");
        if (delimiter.isEmpty()) {
            throw source.error(arguments.get(0), at + "[0]", "a non-empty delimiter");
        }
        List<Tree> parts = new ArrayList<>();
        for (String part : text.split(java.util.regex.Pattern.quote(delimiter), -1)) {
            parts.add(Tree.string(part, line));
        }
        return new Tree.Sequence(parts, line);
    }

    private Tree findInMap(Tree argument, int line, String at) {
        String expected = "[MapName, TopLevelKey, SecondLevelKey] or, with AWS::LanguageExtensions, [MapName,"
                + " TopLevelKey, SecondLevelKey, {DefaultValue: value}]";
        List<Tree> arguments = resolveRequired(argument, at, expected) instanceof Tree.Sequence sequence
                && (sequence.items().size() == 3 || sequence.items().size() == 4) ? sequence.items() : null;
        if (arguments == null) {
            throw source.error(argument, at, expected);
        }
        Optional<Tree> defaultValue = Optional.empty();
        if (arguments.size() == 4) {
            if (!(arguments.get(3) instanceof Tree.Mapping options) || options.get("DefaultValue").isEmpty()) {
                throw source.error(arguments.get(3), at + "[3]", "{DefaultValue: value}");
            }
            defaultValue = options.get("DefaultValue");
        }
        Tree current = template.section("Mappings").orElse(Tree.Mapping.empty(0));
        String path = "Mappings";
        for (int i = 0; i < 3; i++) {
            String key = scalarText(arguments.get(i), at + "[" + i + "]", "a key in Mappings");
            Optional<Tree> next = current instanceof Tree.Mapping mapping ? mapping.get(key) : Optional.empty();
            if (next.isEmpty() && defaultValue.isPresent()) {
                return relined(defaultValue.get(), line);
            }
            if (next.isEmpty()) {
                throw source.error(arguments.get(i), at + "[" + i + "]", "a key of " + path
                        + (current instanceof Tree.Mapping m ? ": " + String.join(", ", m.entries().keySet()) : ""));
            }
            current = next.get();
            path = path + "." + key;
        }
        return relined(current, line);
    }

    private Tree base64(Tree argument, int line, String at) {
        String text = text(argument, at, "a string");
        return Tree.string(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), line);
    }

    /** Writes a resolved value as compact JSON, as {@code Fn::ToJsonString} does. */
    private static String json(Tree value) {
        try {
            return JSON.writeValueAsString(plain(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a template value not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object plain(Tree value) {
        return switch (value) {
            case Tree.Scalar scalar -> switch (scalar.kind()) {
                case NULL -> null;
                case BOOLEAN -> YAML_TRUE.contains(scalar.text().toLowerCase(java.util.Locale.ROOT));
                case NUMBER -> numberOrText(scalar.text());
                case STRING -> scalar.text();
            };
            case Tree.Sequence sequence -> sequence.items().stream().map(Intrinsics::plain).toList();
            case Tree.Mapping mapping -> {
                Map<String, Object> out = new LinkedHashMap<>();
                mapping.entries().values().forEach(e -> out.put(e.key(), plain(e.value())));
                yield out;
            }
        };
    }

    /** A number as written when it is a JSON number ({@code 1e3} stays {@code 1e3}); otherwise its text. */
    private static Object numberOrText(String text) {
        return text.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")
                ? new com.fasterxml.jackson.databind.util.RawValue(text)
                : text; // YAML-only numbers such as 0x1F, 1_000 or .inf
    }

    private Tree availabilityZones(Tree argument, int line, String at) {
        Tree resolved = resolveRequired(argument, at, "a region, or an empty string for the current one");
        String region = resolved instanceof Tree.Scalar scalar && !scalar.isNull() ? scalar.text() : "";
        String zonesOf = region.isEmpty() ? template.region() : region;
        return new Tree.Sequence(List.of(Tree.string(zonesOf + "a", line), Tree.string(zonesOf + "b", line),
                Tree.string(zonesOf + "c", line)), line);
    }

    private List<Tree> arguments(Tree argument, int count, String at, String expected) {
        if (resolveRequired(argument, at, expected) instanceof Tree.Sequence sequence
                && sequence.items().size() == count) {
            return sequence.items();
        }
        throw source.error(argument, at, expected);
    }

    private List<Tree> items(Tree list, String at) {
        if (list instanceof Tree.Sequence sequence) {
            return sequence.items();
        }
        throw source.error(list, at, "a list");
    }

    private String scalarText(Tree value, String at, String expected) {
        if (value instanceof Tree.Scalar scalar && !scalar.isNull()) {
            return scalar.text();
        }
        throw source.error(value, at, expected);
    }

    /** Returns {@code value} as if it had been written on {@code line}. */
    static Tree relined(Tree value, int line) {
        return switch (value) {
            case Tree.Scalar scalar -> new Tree.Scalar(scalar.text(), scalar.kind(), line);
            case Tree.Sequence sequence -> new Tree.Sequence(
                    sequence.items().stream().map(item -> relined(item, line)).toList(), line);
            case Tree.Mapping mapping -> mapping;
        };
    }
}
