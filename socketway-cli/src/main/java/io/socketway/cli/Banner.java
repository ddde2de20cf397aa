package io.socketway.cli;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.core.LocalEndpoint;
import io.socketway.netty.GatewayServer;
import java.io.PrintStream;
import java.util.Map;

/** Prints what a started gateway serves: URLs, routes, functions, ignored template parts and outputs. */
final class Banner {
    private Banner() {}

    static void print(PrintStream out, GatewayServer server, ApiDefinition api, boolean clustered) {
        LocalEndpoint endpoint = server.endpoint();
        out.println("Socketway is serving " + api.name() + " (" + api.logicalId() + ", apiId " + api.apiId()
                + ") from " + api.source());
        for (StageDefinition stage : api.stages()) {
            out.println("  WebSocket URL:  " + endpoint.webSocketBase() + "/" + stage.name());
            out.println("  Management URL: " + endpoint.httpBase() + "/" + stage.name() + "/@connections");
        }
        String pages = server.gateway().statusPages().stream().map(p -> p.path())
                .collect(java.util.stream.Collectors.joining(", "));
        out.println("  Console:        " + endpoint.httpBase() + "/_socketway/console"
                + (pages.isEmpty() ? "" : " (pages: " + pages + ")"));
        if (server.metricsPort() > 0) {
            var metrics = server.gateway().settings().metrics();
            out.println("  Metrics port:   http://" + metrics.listener().orElseThrow().getHostString() + ":"
                    + server.metricsPort() + metrics.path() + " (unauthenticated)");
        }
        out.println("Routes (selection expression " + api.routeSelectionExpression() + "):");
        for (RouteDefinition route : api.routes().values()) {
            out.println("  " + pad(route.routeKey(), 18) + describe(route) + (route.twoWay() ? "  [two-way]" : ""));
        }
        Map<String, String> functions = server.gateway().functions();
        out.println("Functions loaded:" + (functions.isEmpty() ? " none" : ""));
        functions.forEach((id, name) -> {
            var f = api.functions().get(id);
            out.println("  " + pad(id, 18) + f.handler() + " (" + f.runtime() + ", " + f.memorySizeMb() + " MB, timeout "
                    + f.timeout().toSeconds() + " s)");
        });
        if (!api.ignored().isEmpty()) {
            out.println("Ignored (not run by Socketway):");
            for (IgnoredItem item : api.ignored()) {
                out.println("  " + item.path() + ": " + item.reason());
            }
        }
        if (!api.outputs().isEmpty()) {
            out.println("Outputs:");
            api.outputs().forEach((k, v) -> out.println("  " + pad(k, 18) + endpoint.localize(v, api)));
        }
        String nodeId = server.gateway().settings().nodeId();
        out.println(clustered ? "Cluster: node " + nodeId + " on Redis (see docs/cluster.md)"
                : "Single node, connections held in memory.");
        var security = server.gateway().settings().security();
        String management = !security.accessKeys().isEmpty()
                ? "Management calls must be SigV4-signed with one of " + security.accessKeys().size() + " access key(s)."
                : security.insecureManagement() ? "WARNING: management calls are accepted unsigned from anywhere."
                : "Management calls are accepted from loopback only.";
        out.println(management + " Press Ctrl-C to stop.");
        out.flush();
    }

    private static String describe(RouteDefinition route) {
        if (route.integration().isEmpty()) {
            return "(no integration)";
        }
        IntegrationDefinition i = route.integration().get();
        if (i.type() == io.socketway.api.IntegrationType.UNSUPPORTED) {
            return "not run (" + i.logicalId() + ": an AWS or HTTP integration; answers Internal server error)";
        }
        return i.type() + " " + i.functionLogicalId().orElse(i.uri());
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
