package io.socketway.template;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A template as read from its file, before any intrinsic function is evaluated, with the pseudo parameters that
 * apply to it. Immutable.
 *
 * @param source builds errors that name the file
 * @param directory the template's directory, against which {@code CodeUri} is resolved
 * @param region the {@code AWS::Region} pseudo parameter
 * @param accountId the {@code AWS::AccountId} pseudo parameter
 * @param stackName the {@code AWS::StackName} pseudo parameter
 * @param root the top-level mapping
 * @param parameters the parameters with their final values
 * @param resources the resources by logical id
 * @param options how the template is read
 */
record Template(
        Source source,
        Path directory,
        String region,
        String accountId,
        String stackName,
        Tree.Mapping root,
        Parameters parameters,
        ResourceIndex resources,
        TemplateOptions options) {

    /** Reads the parts of {@code root} that every later step needs. */
    static Template of(Path file, Tree.Mapping root, TemplateOptions options) {
        Source source = new Source(file);
        Path directory = file.toAbsolutePath().normalize().getParent();
        return new Template(source, directory == null ? Path.of("").toAbsolutePath() : directory,
                options.region(), options.accountId(), options.stackNameFor(file), root,
                Parameters.read(source, root, options.parameterOverrides()), ResourceIndex.read(source, root), options);
    }

    /** Returns a top-level section that must be a mapping when present, such as {@code Mappings}. */
    Optional<Tree.Mapping> section(String name) {
        Optional<Tree> value = root.get(name);
        if (value.isEmpty() || value.get() instanceof Tree.Scalar scalar && scalar.isNull()) {
            return Optional.empty();
        }
        if (value.get() instanceof Tree.Mapping mapping) {
            return Optional.of(mapping);
        }
        throw source.error(value.get(), name, "a mapping");
    }
}
