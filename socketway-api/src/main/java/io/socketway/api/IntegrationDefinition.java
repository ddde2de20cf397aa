package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a route calls.
 *
 * @param logicalId the logical id of the {@code AWS::ApiGatewayV2::Integration}
 * @param type the integration type
 * @param uri the resolved {@code IntegrationUri}: an {@code http(s)://} URL, or for an in-process Lambda the
 *     resolved function ARN or invocation URI as written; empty for MOCK
 * @param functionLogicalId for an {@code AWS_PROXY} integration backed by a function of the template: its logical id
 * @param method the {@code IntegrationMethod} (default {@code POST})
 * @param timeout {@code TimeoutInMillis}, 50 ms to 29 s, default 29 s
 * @param requestTemplates {@code RequestTemplates} by key (MOCK: yields {@code {"statusCode": N}})
 * @param templateSelectionExpression {@code TemplateSelectionExpression}, empty when unset
 * @param responseTemplates the {@code $default} {@code AWS::ApiGatewayV2::IntegrationResponse}'s
 *     {@code ResponseTemplates}, by key
 * @param requestParameters {@code RequestParameters}: {@code integration.request.header.X} to a source expression
 */
public record IntegrationDefinition(
        String logicalId,
        IntegrationType type,
        String uri,
        Optional<String> functionLogicalId,
        String method,
        Duration timeout,
        Map<String, String> requestTemplates,
        Optional<String> templateSelectionExpression,
        Map<String, String> responseTemplates,
        Map<String, String> requestParameters) {

    /** The AWS default and maximum for {@code TimeoutInMillis}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(29_000);

    public IntegrationDefinition {
        notNull(logicalId, "logicalId");
        notNull(type, "type");
        notNull(uri, "uri");
        notNull(functionLogicalId, "functionLogicalId");
        notNull(method, "method");
        checkArgument(timeout.toMillis() >= 50 && timeout.toMillis() <= 29_000,
                "TimeoutInMillis: %s (expected: 50 to 29000)", timeout.toMillis());
        requestTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(requestTemplates));
        notNull(templateSelectionExpression, "templateSelectionExpression");
        responseTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(responseTemplates));
        requestParameters = Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
    }

    /** Returns true when this integration calls an {@code http://} or {@code https://} URL. */
    public boolean isHttp() {
        return uri.startsWith("http://") || uri.startsWith("https://");
    }
}
