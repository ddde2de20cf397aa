package io.socketway.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Picks the one {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET} that the gateway serves. */
final class ApiSelector {
    private static final String PROTOCOLS = "WEBSOCKET or HTTP";
    private static final Set<String> USED = Set.of("Name", "ProtocolType", "RouteSelectionExpression",
            "DisableSchemaValidation", "IpAddressType", "Version");

    private ApiSelector() {}

    /** Returns the served API; other APIs are recorded as ignored. */
    static ServedApi select(LoadContext context, Optional<String> apiLogicalId) {
        List<Resource> webSocketApis = new ArrayList<>();
        Map<String, String> allApis = new LinkedHashMap<>();
        for (Resource api : context.template().resources().ofType(ResourceTypes.API)) {
            allApis.put(context.references().apiId(api.logicalId()), api.logicalId());
        }
        for (Resource api : context.active(ResourceTypes.API)) {
            if (isWebSocket(context, api)) {
                webSocketApis.add(api);
            } else {
                context.ignored().add(api.path(), "an HTTP API (ProtocolType HTTP) is not run by Socketway");
            }
        }
        Resource chosen = choose(context, webSocketApis, apiLogicalId);
        for (Resource other : webSocketApis) {
            if (other != chosen) {
                context.ignored().add(other.path(), "another WebSocket API; Socketway serves " + chosen.logicalId());
            }
        }
        String apiId = context.references().apiId(chosen.logicalId());
        allApis.remove(apiId);
        return describe(context, chosen, apiId, allApis);
    }

    private static boolean isWebSocket(LoadContext context, Resource api) {
        Props props = context.props(api);
        if (props.value("ProtocolType").isEmpty() && props.keys().contains("Body")) {
            return false;
        }
        String protocol = props.requiredString("ProtocolType", PROTOCOLS);
        if (!protocol.equals("WEBSOCKET") && !protocol.equals("HTTP")) {
            throw context.source().error(props.value("ProtocolType").orElseThrow(), props.path("ProtocolType"), PROTOCOLS);
        }
        return protocol.equals("WEBSOCKET");
    }

    private static Resource choose(LoadContext context, List<Resource> apis, Optional<String> apiLogicalId) {
        Source source = context.source();
        List<String> ids = apis.stream().map(Resource::logicalId).toList();
        int line = context.template().root().entry("Resources").map(Tree.Entry::keyLine).orElse(0);
        if (apiLogicalId.isPresent()) {
            return apis.stream().filter(api -> api.logicalId().equals(apiLogicalId.get())).findFirst()
                    .orElseThrow(() -> source.error(line, "Resources", Tree.Scalar.quote(apiLogicalId.get())
                            + " (--api)", "the logical id of a WebSocket API in the template: "
                            + (ids.isEmpty() ? "(none)" : String.join(", ", ids))));
        }
        if (apis.isEmpty()) {
            throw source.error(line, "Resources", "(no WebSocket API)",
                    "an AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET");
        }
        if (apis.size() > 1) {
            throw source.error(apis.get(1).line(), "Resources", ids.toString(),
                    "exactly one AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET; choose one with --api"
                            + " LOGICAL_ID");
        }
        return apis.get(0);
    }

    private static ServedApi describe(LoadContext context, Resource api, String apiId, Map<String, String> others) {
        Props props = context.props(api);
        String selection = props.requiredString("RouteSelectionExpression",
                "a route selection expression such as $request.body.action");
        String name = props.string("Name", "a string").orElse(api.logicalId());
        context.ignored().unusedProperties(props, api.type(), USED);
        return new ServedApi(api, apiId, name, selection, others);
    }
}
