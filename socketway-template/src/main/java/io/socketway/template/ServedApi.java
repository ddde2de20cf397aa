package io.socketway.template;

import java.util.Map;

/**
 * The WebSocket API the gateway serves, and the ids of the template's other APIs, so that resources can be sorted
 * into this API's and the others'.
 *
 * @param resource the {@code AWS::ApiGatewayV2::Api}
 * @param apiId its 10-character id
 * @param name its {@code Name}, or the logical id
 * @param routeSelectionExpression its {@code RouteSelectionExpression}
 * @param otherApis the ids of the template's other APIs, mapped to their logical ids
 */
record ServedApi(
        Resource resource, String apiId, String name, String routeSelectionExpression, Map<String, String> otherApis) {

    /**
     * Returns true when the resource's {@code ApiId} names this API; records it as ignored when it names another API
     * of the template, and fails when it names none.
     */
    boolean serves(LoadContext context, Resource member, Props props) {
        String expected = "!Ref " + resource.logicalId() + " (the id of an AWS::ApiGatewayV2::Api in this template)";
        String id = props.requiredString("ApiId", expected);
        if (id.equals(apiId)) {
            return true;
        }
        String other = otherApis.get(id);
        if (other == null) {
            throw context.source().error(props.value("ApiId").orElseThrow(), props.path("ApiId"), expected);
        }
        context.ignored().add(member.path(), member.type() + " of API " + other + ", which Socketway does not serve");
        return false;
    }
}
