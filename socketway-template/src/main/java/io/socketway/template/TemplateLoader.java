package io.socketway.template;

import static java.util.Objects.requireNonNull;

import io.socketway.api.ApiDefinition;
import java.nio.file.Path;

/**
 * Reads a SAM or CloudFormation template (YAML or JSON) into an immutable {@link ApiDefinition}: the one
 * {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}, its stages, routes and integrations, the Java
 * functions they call, the resolved {@code Outputs}, and a list of everything the gateway does not run.
 *
 * <p>Threading: loading is pure and thread-safe (each call works on its own state), but it does blocking file I/O,
 * so call it off event loops.
 */
public final class TemplateLoader {
    private TemplateLoader() {}

    /** Reads {@code templateFile} with {@link TemplateOptions#defaults()}. */
    public static ApiDefinition load(Path templateFile) {
        return load(templateFile, TemplateOptions.defaults());
    }

    /**
     * Reads {@code templateFile} into the API it defines.
     *
     * @throws TemplateException when the file is missing or malformed, or defines no WebSocket API the gateway can
     *     serve; the message names the file, line, path, value and what was expected
     */
    public static ApiDefinition load(Path templateFile, TemplateOptions options) {
        requireNonNull(templateFile, "templateFile");
        requireNonNull(options, "options");
        Tree.Mapping root = YamlTreeReader.read(new Source(templateFile));
        return new ApiAssembler(Template.of(templateFile, root, options)).assemble(options.apiLogicalId());
    }
}
