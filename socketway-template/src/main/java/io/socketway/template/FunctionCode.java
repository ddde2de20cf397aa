package io.socketway.template;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a function's code on disk: SAM's {@code CodeUri} or {@code AWS::Lambda::Function}'s {@code Code} given as a
 * local path, resolved against the template's directory. S3 locations and inline code are errors. The path need not
 * exist yet (the code may be built later).
 */
final class FunctionCode {
    private static final String LOCAL_PATH = "a local path to the function's jar, zip or classes directory,"
            + " relative to the template";

    private final LoadContext context;

    FunctionCode(LoadContext context) {
        this.context = context;
    }

    /** Returns the absolute path of the function's code. */
    Path path(Resource resource, Props props) {
        boolean sam = resource.type().equals(ResourceTypes.SERVERLESS_FUNCTION);
        String key = sam ? "CodeUri" : "Code";
        if (sam && props.value("InlineCode").isPresent()) {
            throw context.source().error(props.value("InlineCode").orElseThrow(), props.path("InlineCode"),
                    "CodeUri with " + LOCAL_PATH + " (inline code is not supported)");
        }
        Tree value = props.value(key).orElseThrow(() -> context.source().missing(props.line(), props.path(key),
                LOCAL_PATH));
        if (value instanceof Tree.Mapping mapping) {
            throw objectError(props, key, mapping);
        }
        String text = value instanceof Tree.Scalar scalar ? scalar.text() : "";
        if (text.startsWith("s3://")) {
            throw context.source().error(value, props.path(key), LOCAL_PATH + " (S3 locations are not supported)");
        }
        if (text.isBlank()) {
            throw context.source().error(value, props.path(key), LOCAL_PATH);
        }
        try {
            return context.template().directory().resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw context.source().error(value, props.path(key), LOCAL_PATH);
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
