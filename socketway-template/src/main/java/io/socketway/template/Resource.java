package io.socketway.template;

import java.util.Optional;

/**
 * One entry of the template's {@code Resources}, with its properties still unresolved.
 *
 * @param logicalId the resource's key in {@code Resources}
 * @param type for example {@code AWS::ApiGatewayV2::Route}
 * @param properties the {@code Properties} mapping, empty when absent
 * @param condition the name in the resource's {@code Condition} attribute, if any
 * @param line the line of the logical id
 * @param assetPath the local path CDK recorded for the resource's code ({@code Metadata: aws:asset:path}), if any
 */
record Resource(String logicalId, String type, Tree.Mapping properties, Optional<Tree.Scalar> condition, int line,
        Optional<String> assetPath) {

    /** Returns {@code Resources.{logicalId}}. */
    String path() {
        return "Resources." + logicalId;
    }

    /** Returns {@code Resources.{logicalId}.Properties.{key}}. */
    String propertyPath(String key) {
        return path() + ".Properties." + key;
    }

    /** Returns the line to blame for a missing property: the {@code Properties} mapping, else the logical id. */
    int propertiesLine() {
        return properties.line() > 0 ? properties.line() : line;
    }

    /** Returns the part of the type after the last {@code ::}, for example {@code Table}. */
    String kind() {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    /** Returns true for {@code AWS::Serverless::Function} and {@code AWS::Lambda::Function}. */
    boolean isFunction() {
        return type.equals(ResourceTypes.SERVERLESS_FUNCTION) || type.equals(ResourceTypes.LAMBDA_FUNCTION);
    }
}
