package io.socketway.template;

import static io.socketway.api.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses how a template is read: parameter values, the pseudo parameters and, when a template defines several
 * WebSocket APIs, which one to serve. Immutable.
 *
 * @param parameterOverrides values for the template's {@code Parameters}, by name; each must name a parameter
 * @param region the {@code AWS::Region} pseudo parameter (default {@code us-east-1})
 * @param accountId the {@code AWS::AccountId} pseudo parameter, 12 digits (default {@code 123456789012})
 * @param stackName the {@code AWS::StackName} pseudo parameter; when empty, the name of the template's directory
 *     (or else the file's base name) with every character outside {@code [A-Za-z0-9-]} replaced by {@code -}
 * @param apiLogicalId the logical id of the {@code AWS::ApiGatewayV2::Api} to serve; needed only when the template
 *     defines more than one WebSocket API
 */
public record TemplateOptions(
        Map<String, String> parameterOverrides,
        String region,
        String accountId,
        Optional<String> stackName,
        Optional<String> apiLogicalId) {

    /** The default {@code AWS::Region}. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The default {@code AWS::AccountId}. */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";

    private static final String STACK_NAME = "[A-Za-z0-9-]{1,128}";

    public TemplateOptions {
        parameterOverrides = Collections.unmodifiableMap(
                new LinkedHashMap<>(requireNonNull(parameterOverrides, "parameterOverrides")));
        parameterOverrides.forEach((key, value) -> {
            requireNonNull(key, "parameterOverrides key");
            requireNonNull(value, "parameterOverrides." + key);
        });
        requireNonNull(region, "region");
        checkArgument(region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}"),
                "region: %s (expected: an AWS region such as us-east-1)", region);
        requireNonNull(accountId, "accountId");
        checkArgument(accountId.matches("\\d{12}"), "accountId: %s (expected: 12 digits)", accountId);
        requireNonNull(stackName, "stackName");
        stackName.ifPresent(name -> checkArgument(name.matches(STACK_NAME),
                "stackName: %s (expected: 1 to 128 letters, digits or hyphens)", name));
        requireNonNull(apiLogicalId, "apiLogicalId");
    }

    /** Returns options with no overrides, region {@code us-east-1}, account {@code 123456789012}, a derived stack name. */
    public static TemplateOptions defaults() {
        return new TemplateOptions(Map.of(), DEFAULT_REGION, DEFAULT_ACCOUNT_ID, Optional.empty(), Optional.empty());
    }

    /** Returns a copy with these parameter values, replacing earlier overrides. */
    public TemplateOptions withParameterOverrides(Map<String, String> overrides) {
        return new TemplateOptions(overrides, region, accountId, stackName, apiLogicalId);
    }

    /** Returns a copy with this {@code AWS::Region}. */
    public TemplateOptions withRegion(String value) {
        return new TemplateOptions(parameterOverrides, value, accountId, stackName, apiLogicalId);
    }

    /** Returns a copy with this {@code AWS::AccountId}. */
    public TemplateOptions withAccountId(String value) {
        return new TemplateOptions(parameterOverrides, region, value, stackName, apiLogicalId);
    }

    /** Returns a copy with this {@code AWS::StackName}. */
    public TemplateOptions withStackName(String value) {
        return new TemplateOptions(parameterOverrides, region, accountId, Optional.of(value), apiLogicalId);
    }

    /** Returns a copy that serves the {@code AWS::ApiGatewayV2::Api} with this logical id. */
    public TemplateOptions withApiLogicalId(String value) {
        return new TemplateOptions(parameterOverrides, region, accountId, stackName, Optional.of(value));
    }

    /** Returns the stack name to use for {@code templateFile}: the option, or one derived from the file's location. */
    String stackNameFor(Path templateFile) {
        return stackName.orElseGet(() -> derivedStackName(templateFile.toAbsolutePath().normalize()));
    }

    private static String derivedStackName(Path file) {
        Path parent = file.getParent();
        String fromDirectory = parent == null || parent.getFileName() == null ? "" : sanitize(parent.getFileName().toString());
        if (!fromDirectory.isEmpty()) {
            return fromDirectory;
        }
        String fileName = file.getFileName() == null ? "" : file.getFileName().toString();
        String base = sanitize(fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName);
        return base.isEmpty() ? "socketway" : base;
    }

    private static String sanitize(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
    }
}
