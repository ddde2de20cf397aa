package io.socketway.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the small part of API Gateway's mapping language that MOCK and HTTP integrations need: parameter sources
 * ({@code context.x}, {@code stageVariables.x}, {@code route.request.header.x}, {@code route.request.querystring.x},
 * {@code route.request.body.x}, {@code 'static'}) and template variables ({@code $context.x}, {@code $stageVariables.x},
 * {@code $input.body}). Velocity directives ({@code #if}, {@code #foreach}) are not evaluated. Stateless.
 */
final class Mappings {
    private static final Pattern TEMPLATE_VARIABLE =
            Pattern.compile("\\$\\{?(context|stageVariables)\\.([A-Za-z0-9_.-]+)}?|\\$input\\.body");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_-]+)}");

    /** Body paths compiled once per expression; a template has few, so the map stays small. */
    private static final java.util.concurrent.ConcurrentHashMap<String, SelectionExpression> BODY_PATHS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Mappings() {}

    /** Replaces {@code ${stageVariables.x}} in an integration URI. */
    static String substituteStageVariables(String uri, Map<String, String> variables) {
        Matcher m = STAGE_VARIABLE.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Renders a template's variables for one event. */
    static String render(String template, IntegrationEvent event) {
        Matcher m = TEMPLATE_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) == null
                    ? orEmpty(event.body())
                    : m.group(1).equals("context")
                            ? orEmpty(event.contextValue(m.group(2)))
                            : event.stageVariables().getOrDefault(m.group(2), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Evaluates a {@code RequestParameters} source expression for one event; empty when it has no value. */
    static Optional<String> source(String expression, IntegrationEvent event) {
        if (expression.length() >= 2 && expression.startsWith("'") && expression.endsWith("'")) {
            return Optional.of(expression.substring(1, expression.length() - 1));
        }
        String e = expression.startsWith("$") ? expression.substring(1) : expression;
        if (e.startsWith("context.")) {
            return Optional.ofNullable(event.contextValue(e.substring("context.".length())));
        }
        if (e.startsWith("stageVariables.")) {
            return Optional.ofNullable(event.stageVariables().get(e.substring("stageVariables.".length())));
        }
        if (e.startsWith("route.request.header.") && event.handshake() != null) {
            return Optional.ofNullable(event.handshake().header(e.substring("route.request.header.".length())));
        }
        if (e.startsWith("route.request.multivalueheader.") && event.handshake() != null) {
            String name = e.substring("route.request.multivalueheader.".length());
            List<String> values = event.handshake().headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).toList();
            return values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
        }
        if (e.startsWith("route.request.multivaluequerystring.") && event.handshake() != null) {
            var values = event.handshake().query().get(e.substring("route.request.multivaluequerystring.".length()));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
        }
        if (e.startsWith("route.request.querystring.") && event.handshake() != null) {
            var values = event.handshake().query().get(e.substring("route.request.querystring.".length()));
            return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
        }
        if (e.startsWith("route.request.body") && event.body() != null) {
            return BODY_PATHS.computeIfAbsent(e, k -> SelectionExpression.compile("$" + k.substring("route.".length())))
                    .evaluate(event.body());
        }
        return Optional.empty();
    }

    /** Picks a template: the key the selection expression yields, then {@code $default}, then the only one. */
    static @Nullable String selectTemplate(Map<String, String> templates, @Nullable String selectedKey) {
        if (selectedKey != null && templates.containsKey(selectedKey)) {
            return templates.get(selectedKey);
        }
        if (templates.containsKey("$default")) {
            return templates.get("$default");
        }
        return templates.size() == 1 ? templates.values().iterator().next() : null;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
