package io.socketway.template;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a function's code on disk: SAM's {@code CodeUri} or {@code AWS::Lambda::Function}'s {@code Code} given as a
 * local path, resolved against the template's directory. S3 locations and inline code are errors. The path need not
 * exist yet (the code may be built later) unless {@link TemplateOptions#codeRequired()}.
 */
final class FunctionCode {
    private static final String LOCAL_PATH = "a local path to the function's jar, zip or classes directory,"
            + " relative to the template";

    private final LoadContext context;

    FunctionCode(LoadContext context) {
        this.context = context;
    }

    /**
     * Returns the absolute path of the function's code; when {@code used} (the served API calls it in-process) and
     * the options require it, the code must exist.
     */
    Path path(Resource resource, Props props, boolean used) {
        boolean sam = resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION);
        String key = sam ? "CodeUri" : "Code";
        if (sam && props.value("InlineCode").isPresent()) {
            throw context.source().error(props.value("InlineCode").orElseThrow(), props.path("InlineCode"),
                    "CodeUri with " + LOCAL_PATH + " (inline code is not supported)");
        }
        Tree value = props.value(key).orElseThrow(() -> context.source().missing(props.line(), props.path(key),
                LOCAL_PATH));
        String text;
        if (value instanceof Tree.Mapping mapping) {
            // cdk synth points Code at an S3 asset and records where the asset came from on disk; sam local uses it
            text = resource.assetPath().filter(p -> mapping.entry("ZipFile").isEmpty())
                    .orElseThrow(() -> objectError(props, key, mapping));
        } else {
            text = value instanceof Tree.Scalar scalar ? scalar.text() : "";
        }
        if (text.startsWith("s3://")) {
            throw context.source().error(value, props.path(key), LOCAL_PATH + " (S3 locations are not supported)");
        }
        if (text.isBlank()) {
            throw context.source().error(value, props.path(key), LOCAL_PATH);
        }
        Path path;
        try {
            path = context.template().directory().resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw context.source().error(value, props.path(key), LOCAL_PATH);
        }
        boolean required = used && context.template().options().codeRequired();
        if (required && !Files.exists(path)) {
            throw context.source().error(value, props.path(key), "an existing jar, zip or classes directory; " + path
                    + " does not exist (build the function first)");
        }
        if (required && isBuildProject(path)) {
            throw context.source().error(value, props.path(key), "the function's built code: " + path + " is a"
                    + " Maven or Gradle project; run sam build and serve .aws-sam/build/template.yaml, or point "
                    + key + " at the packaged jar (with its dependencies)");
        }
        return path;
    }

    /** Returns true for a project folder (pom.xml, build.gradle) that holds no class files of its own. */
    private static boolean isBuildProject(Path path) {
        if (!Files.isDirectory(path) || !(Files.exists(path.resolve("pom.xml"))
                || Files.exists(path.resolve("build.gradle")) || Files.exists(path.resolve("build.gradle.kts")))) {
            return false;
        }
        try (java.util.stream.Stream<Path> top = Files.list(path)) {
            return top.noneMatch(p -> p.getFileName().toString().endsWith(".class")
                    || Files.isDirectory(p) && !p.getFileName().toString().equals("src")
                            && !p.getFileName().toString().equals("target")
                            && !p.getFileName().toString().equals("build")
                            && !p.getFileName().toString().equals("gradle")
                            && !p.getFileName().toString().startsWith("."));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private TemplateException objectError(Props props, String key, Tree.Mapping mapping) {
        Optional<Tree.Entry> zipFile = mapping.entry("ZipFile");
        if (zipFile.isPresent()) {
            return context.source().error(zipFile.get().value(), props.path(key) + ".ZipFile",
                    "Code with " + LOCAL_PATH + " (inline code is not supported)");
        }
        return context.source().error(mapping, props.path(key), LOCAL_PATH
                + " (S3 objects and container images are not supported)");
    }
}
