package io.socketway.template;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the function name out of the Lambda forms of an integration URI: the API Gateway invocation URI
 * {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations} and the bare
 * function ARN {@code arn:aws:lambda:{region}:{account}:function:{name}[:{qualifier}]}.
 */
final class LambdaUri {
    private static final Pattern INVOCATION =
            Pattern.compile("arn:[^:]+:apigateway:[^:]*:lambda:path/2015-03-31/functions/(.+)/invocations");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(:[^:]+)?");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([^}]*)}");

    private LambdaUri() {}

    /** Returns true for an {@code http://} or {@code https://} URL. */
    static boolean isHttp(String uri) {
        return uri.startsWith("http://") || uri.startsWith("https://");
    }

    /** Returns the function ARN inside an invocation URI, or {@code uri} itself. */
    static String functionArn(String uri) {
        Matcher invocation = INVOCATION.matcher(uri);
        return invocation.matches() ? invocation.group(1) : uri;
    }

    /** Returns the function name of a function ARN or invocation URI; empty for any other text. */
    static Optional<String> functionName(String uri) {
        Matcher function = FUNCTION_ARN.matcher(functionArn(uri));
        return function.matches() ? Optional.of(function.group(1)) : Optional.empty();
    }

    /** Returns the first {@code ${stageVariables.x}} whose {@code x} is not in {@code variables}, if any. */
    static Optional<String> undefinedStageVariable(String text, Map<String, String> variables) {
        Matcher matcher = STAGE_VARIABLE.matcher(text);
        while (matcher.find()) {
            if (!variables.containsKey(matcher.group(1))) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** Returns {@code text} with each {@code ${stageVariables.x}} replaced by the variable's value. */
    static String withStageVariables(String text, Map<String, String> variables) {
        return STAGE_VARIABLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                variables.getOrDefault(m.group(1), m.group())));
    }
}
