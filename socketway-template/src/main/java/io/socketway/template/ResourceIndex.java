package io.socketway.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The template's {@code Resources} by logical id, in file order, checked for shape but not resolved. Immutable. */
final class ResourceIndex {
    private final Map<String, Resource> resources;

    private ResourceIndex(Map<String, Resource> resources) {
        this.resources = resources;
    }

    /** Returns the resource with this logical id, whatever its condition. */
    Optional<Resource> find(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    /** Returns every resource, in file order. */
    List<Resource> all() {
        return List.copyOf(resources.values());
    }

    /** Returns the resources of this type, in file order. */
    List<Resource> ofType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Reads and checks the {@code Resources} section. */
    static ResourceIndex read(Source source, Tree.Mapping root) {
        Tree.Entry section = root.entry("Resources").orElseThrow(() -> source.missing(
                root.line(), "Resources", "a Resources section with an AWS::ApiGatewayV2::Api"));
        if (!(section.value() instanceof Tree.Mapping mapping) || mapping.entries().isEmpty()) {
            throw source.error(section.value(), "Resources", "a mapping of logical ids to resources");
        }
        Map<String, Resource> resources = new LinkedHashMap<>();
        for (Tree.Entry entry : mapping.entries().values()) {
            resources.put(entry.key(), resource(source, entry));
        }
        for (Tree.Entry entry : mapping.entries().values()) {
            checkDependsOn(source, entry, resources);
        }
        return new ResourceIndex(resources);
    }

    private static Resource resource(Source source, Tree.Entry entry) {
        String path = "Resources." + entry.key();
        if (entry.key().startsWith("Fn::ForEach::")) {
            throw source.error(entry.keyLine(), path, Tree.Scalar.quote(entry.key()), "resources written out one by"
                    + " one: Fn::ForEach (AWS::LanguageExtensions) is not expanded by Socketway");
        }
        if (!entry.key().matches("[A-Za-z0-9]+")) {
            throw source.error(entry.keyLine(), path, Tree.Scalar.quote(entry.key()),
                    "a logical id made of letters and digits");
        }
        if (!(entry.value() instanceof Tree.Mapping body)) {
            throw source.error(entry.value(), path, "a resource with a Type and Properties");
        }
        Tree type = body.get("Type").orElseThrow(
                () -> source.missing(entry.keyLine(), path + ".Type", "a resource type such as AWS::ApiGatewayV2::Route"));
        if (!(type instanceof Tree.Scalar typeName) || typeName.kind() != Tree.Kind.STRING) {
            throw source.error(type, path + ".Type", "a resource type such as AWS::ApiGatewayV2::Route");
        }
        return new Resource(entry.key(), typeName.text(), properties(source, body, path), condition(source, body, path),
                entry.keyLine(), assetPath(body));
    }

    /** Returns {@code Metadata: aws:asset:path}, which {@code cdk synth} writes next to a function's S3 code. */
    private static Optional<String> assetPath(Tree.Mapping body) {
        return body.get("Metadata").filter(Tree.Mapping.class::isInstance).map(Tree.Mapping.class::cast)
                .flatMap(metadata -> metadata.get("aws:asset:path"))
                .filter(value -> value instanceof Tree.Scalar scalar && !scalar.isNull() && !scalar.text().isBlank())
                .map(value -> ((Tree.Scalar) value).text());
    }

    private static Tree.Mapping properties(Source source, Tree.Mapping body, String path) {
        Optional<Tree> properties = body.get("Properties");
        if (properties.isEmpty() || properties.get() instanceof Tree.Scalar scalar && scalar.isNull()) {
            return Tree.Mapping.empty(0);
        }
        if (properties.get() instanceof Tree.Mapping mapping) {
            return mapping;
        }
        throw source.error(properties.get(), path + ".Properties", "a mapping of property names to values");
    }

    private static Optional<Tree.Scalar> condition(Source source, Tree.Mapping body, String path) {
        Optional<Tree> condition = body.get("Condition");
        if (condition.isEmpty()) {
            return Optional.empty();
        }
        if (condition.get() instanceof Tree.Scalar scalar && scalar.kind() == Tree.Kind.STRING) {
            return Optional.of(scalar);
        }
        throw source.error(condition.get(), path + ".Condition", "the name of a condition in Conditions");
    }

    private static void checkDependsOn(Source source, Tree.Entry entry, Map<String, Resource> resources) {
        Optional<Tree> dependsOn = ((Tree.Mapping) entry.value()).get("DependsOn");
        if (dependsOn.isEmpty()) {
            return;
        }
        List<Tree> names = dependsOn.get() instanceof Tree.Sequence sequence
                ? sequence.items() : List.of(dependsOn.get());
        for (Tree name : names) {
            if (!(name instanceof Tree.Scalar scalar) || !resources.containsKey(scalar.text())) {
                throw source.error(name, "Resources." + entry.key() + ".DependsOn",
                        "the logical id of a resource in this template");
            }
        }
    }
}
