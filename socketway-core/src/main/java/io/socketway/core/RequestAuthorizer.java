package io.socketway.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.api.AuthorizerDefinition;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS's Lambda {@code REQUEST} authorizer (spec §5.2): a missing or empty identity source gives 401 without calling the
 * function; the function's {@code Unauthorized} error gives 401; a policy that does not allow the method ARN, or no
 * {@code principalId}, gives 403; a crash, a timeout or an invalid answer (not JSON, over 8 KB, a {@code context}
 * value that is an object or array) gives 500. On success {@code principalId}, {@code integrationLatency} and the
 * {@code context} entries become {@code requestContext.authorizer} of every later event. Runs on every connect (AWS
 * does not cache WebSocket authorizer results).
 *
 * <p>Threading: thread-safe; blocks its virtual thread while the function runs.
 */
final class RequestAuthorizer implements ConnectAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthorizer.class);
    private static final int MAX_RESULT_BYTES = 8 * 1024;

    private final AuthorizerDefinition definition;
    private final LambdaInvoker invoker;
    private final LambdaEvents events;
    private final String apiId;
    private final String arnPrefix;
    private final Map<String, Map<String, String>> stageVariables;

    RequestAuthorizer(AuthorizerDefinition definition, LambdaInvoker invoker, LambdaEvents events, String apiId,
            String region, String accountId, Map<String, Map<String, String>> stageVariables) {
        this.definition = definition;
        this.invoker = invoker;
        this.events = events;
        this.apiId = apiId;
        this.arnPrefix = io.socketway.api.Partitions.arnPrefix("execute-api", region) + accountId + ":" + apiId + "/";
        this.stageVariables = stageVariables;
    }

    @Override
    public Authorization authorize(Connection connection, HandshakeRequest handshake, String requestId) {
        Map<String, String> vars = stageVariables.getOrDefault(connection.stage(), Map.of());
        if (!IdentitySources.allPresent(definition.identitySource(), handshake, vars, connection, apiId)) {
            return Authorization.Denied.UNAUTHORIZED;
        }
        String methodArn = arnPrefix + connection.stage() + "/$connect";
        long start = System.nanoTime();
        byte[] result;
        try {
            result = invoker.invoke(events.authorizer(connection, requestId, handshake, methodArn).json(), requestId);
        } catch (IntegrationException e) {
            if (e.functionMessage().filter("Unauthorized"::equals).isPresent()) {
                return Authorization.Denied.UNAUTHORIZED;
            }
            LOG.warn("Authorizer {} failed for {} (request {}): {}", definition.name(), connection.id(), requestId,
                    e.getMessage(), e.getCause());
            return Authorization.Denied.ERROR;
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        return decide(result, methodArn, latency, connection, requestId);
    }

    private Authorization decide(byte[] result, String methodArn, long latency, Connection c, String requestId) {
        JsonNode answer = parse(result);
        if (answer == null || !answer.isObject() || !validContext(answer.get("context"))) {
            LOG.warn("Authorizer {} gave an invalid answer for {} (request {}): {} bytes", definition.name(), c.id(),
                    requestId, result.length);
            return Authorization.Denied.ERROR;
        }
        JsonNode principal = answer.get("principalId");
        JsonNode policy = answer.get("policyDocument");
        if (principal == null || !principal.isValueNode() || principal.asText().isEmpty() || policy == null
                || !IamPolicy.allows(policy, methodArn)) {
            return Authorization.Denied.FORBIDDEN;
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("principalId", principal.asText());
        context.put("integrationLatency", latency);
        JsonNode extra = answer.get("context");
        if (extra != null && extra.isObject()) {
            extra.fields().forEachRemaining(e -> context.put(e.getKey(), scalar(e.getValue())));
        }
        return new Authorization.Allowed(context);
    }

    private static JsonNode parse(byte[] result) {
        if (result.length > MAX_RESULT_BYTES) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(result);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean validContext(JsonNode context) {
        if (context == null || context.isNull()) {
            return true;
        }
        if (!context.isObject()) {
            return false;
        }
        for (JsonNode value : context) {
            if (value.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static Object scalar(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        return value.isNull() ? "" : value.asText();
    }
}
