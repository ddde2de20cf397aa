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
 * @param functionUrls functions (by logical id) to call over HTTP at these URLs instead of running them, whatever
 *     their language: integrations and authorizers that name them POST the event there
 * @param lambdaEndpoint a Lambda Invoke API (such as {@code sam local start-lambda}'s {@code http://127.0.0.1:3001})
 *     that runs the template's functions in other languages than Java: they are called at
 *     {@code {endpoint}/2015-03-31/functions/{LogicalId}/invocations}
 * @param codeRequired fail the load, naming the property, when a Java function's code does not exist (the command
 *     line runs what it loads; other callers may load before the code is built)
 */
public record TemplateOptions(
        Map<String, String> parameterOverrides,
        String region,
        String accountId,
        Optional<String> stackName,
        Optional<String> apiLogicalId,
        Map<String, String> functionUrls,
        Optional<String> lambdaEndpoint,
        boolean codeRequired) {

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
        functionUrls = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(functionUrls, "functionUrls")));
        functionUrls.forEach((id, url) -> checkArgument(url.matches("https?://\\S+"),
                "functionUrls.%s: %s (expected: an http:// or https:// URL)", id, url));
        requireNonNull(lambdaEndpoint, "lambdaEndpoint");
        lambdaEndpoint.ifPresent(url -> checkArgument(url.matches("https?://\\S+"),
                "lambdaEndpoint: %s (expected: an http:// or https:// URL such as http://127.0.0.1:3001)", url));
    }

    /** Creates options without function URLs, Lambda endpoint or code check. */
    public TemplateOptions(Map<String, String> parameterOverrides, String region, String accountId,
            Optional<String> stackName, Optional<String> apiLogicalId) {
        this(parameterOverrides, region, accountId, stackName, apiLogicalId, Map.of(), Optional.empty(), false);
    }

    /** Returns options with no overrides, region {@code us-east-1}, account {@code 123456789012}, a derived stack name. */
    public static TemplateOptions defaults() {
        return new TemplateOptions(Map.of(), DEFAULT_REGION, DEFAULT_ACCOUNT_ID, Optional.empty(), Optional.empty());
    }

    /** Returns a copy with these parameter values, replacing earlier overrides. */
    public TemplateOptions withParameterOverrides(Map<String, String> overrides) {
        return new TemplateOptions(overrides, region, accountId, stackName, apiLogicalId, functionUrls,
                lambdaEndpoint, codeRequired);
    }

    /** Returns a copy that calls these functions (by logical id) over HTTP at these URLs. */
    public TemplateOptions withFunctionUrls(Map<String, String> value) {
        return new TemplateOptions(parameterOverrides, region, accountId, stackName, apiLogicalId, value,
                lambdaEndpoint, codeRequired);
    }

    /** Returns a copy that calls functions in languages other than Java through this Lambda Invoke API. */
    public TemplateOptions withLambdaEndpoint(String value) {
        return new TemplateOptions(parameterOverrides, region, accountId, stackName, apiLogicalId, functionUrls,
                Optional.of(value.endsWith("/") ? value.substring(0, value.length() - 1) : value), codeRequired);
    }

    /** Returns a copy that requires (or not) every Java function's code to exist. */
    public TemplateOptions withCodeRequired(boolean value) {
        return new TemplateOptions(parameterOverrides, region, accountId, stackName, apiLogicalId, functionUrls,
                lambdaEndpoint, value);
    }

    /** Returns the URL to call a function at instead of running it, if the options give one. */
    Optional<String> urlOf(String logicalId, boolean java) {
        if (functionUrls.containsKey(logicalId)) {
            return Optional.of(functionUrls.get(logicalId));
        }
        return java ? Optional.empty()
                : lambdaEndpoint.map(endpoint -> endpoint + "/2015-03-31/functions/" + logicalId + "/invocations");
    }

    /** Returns a copy with this {@code AWS::Region}. */
    public TemplateOptions withRegion(String value) {
        return new TemplateOptions(parameterOverrides, value, accountId, stackName, apiLogicalId, functionUrls,
                lambdaEndpoint, codeRequired);
    }

    /** Returns a copy with this {@code AWS::AccountId}. */
    public TemplateOptions withAccountId(String value) {
        return new TemplateOptions(parameterOverrides, region, value, stackName, apiLogicalId, functionUrls,
                lambdaEndpoint, codeRequired);
    }

    /** Returns a copy with this {@code AWS::StackName}. */
    public TemplateOptions withStackName(String value) {
        return new TemplateOptions(parameterOverrides, region, accountId, Optional.of(value), apiLogicalId,
                functionUrls, lambdaEndpoint, codeRequired);
    }

    /** Returns a copy that serves the {@code AWS::ApiGatewayV2::Api} with this logical id. */
    public TemplateOptions withApiLogicalId(String value) {
        return new TemplateOptions(parameterOverrides, region, accountId, stackName, Optional.of(value),
                functionUrls, lambdaEndpoint, codeRequired);
    }

    /** Returns the stack name to use for {@code templateFile}: the option, or one derived from the file's location. */
    String stackNameFor(Path templateFile) {
        return stackName.orElseGet(() -> derivedStackName(templateFile.toAbsolutePath().normalize()));
    }

    private static String derivedStackName(Path file) {
        Path parent = file.getParent();
        if (parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("build")
                && parent.getParent() != null && parent.getParent().getFileName() != null
                && parent.getParent().getFileName().toString().equals(".aws-sam")) {
            parent = parent.getParent().getParent(); // sam build's output: named after the project, not "build"
        }
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
