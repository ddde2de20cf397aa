package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.socketway.api.ApiDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.MetricsSettings;
import io.socketway.core.StatusPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serves the web console at {@value #PATH}: a static page (HTML, CSS, JavaScript from this module's resources, nothing
 * from a CDN) that reads only the gateway's own endpoints, and {@code config.json}, which tells the page the API's
 * stages and where the metrics, alarms and usage pages are.
 *
 * <p>The static files hold no data, so they are served to anyone: a browser cannot sign the request for the page it is
 * about to load. {@code config.json} names the stages, so it is protected like the metrics page
 * ({@link ManagementAccess#checkOperations}); every call the page makes goes through the same rules, signed in the
 * browser with the key the operator types in when access keys are configured. Responses carry a strict
 * {@code Content-Security-Policy} (same origin only) and {@code X-Frame-Options: DENY}, so no other site can frame the
 * page's Close buttons.
 *
 * <p>Threading: shared by all channels; the files are read once at construction; runs on event loops, never blocks.
 */
final class ConsoleEndpoint {
    /** Where the console is served. */
    static final String PATH = "/_socketway/console";
    /** Where the usage-and-cost report is expected; the page hides its panel when the node answers 404. */
    static final String USAGE_PATH = "/_socketway/usage";
    private static final String RESOURCES = "console/";
    private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "sigv4.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;
    private final String config;
    private final ManagementAccess access;

    ConsoleEndpoint(Gateway gateway, ManagementAccess access) {
        this.access = access;
        this.files = TYPES.keySet().stream().collect(Collectors.toUnmodifiableMap(name -> name,
                name -> read(name, gateway.api().region())));
        this.config = config(gateway);
    }

    /** Returns true when {@code rawPath} is the console or one of its files. */
    static boolean serves(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String rawPath, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.GET)) {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "{\"message\":\"Method Not Allowed\"}"), keepAlive);
            return;
        }
        String name = rawPath.equals(PATH) || rawPath.equals(PATH + "/") ? "index.html"
                : rawPath.substring(PATH.length() + 1);
        if (name.equals("config.json")) {
            configuration(ctx, request, keepAlive);
        } else if (files.containsKey(name)) {
            HttpResponses.send(ctx, file(name), keepAlive);
        } else {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.NOT_FOUND, "{\"message\":\"Not Found\"}"),
                    keepAlive);
        }
    }

    private void configuration(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        var refusal = access.checkOperations(ctx, request);
        FullHttpResponse response = refusal.map(ManagementAccess.Refusal::response)
                .orElseGet(() -> HttpResponses.json(HttpResponseStatus.OK, config));
        HttpResponses.send(ctx, hardened(response), keepAlive);
    }

    private FullHttpResponse file(String name) {
        FullHttpResponse response = HttpResponses.bytes(HttpResponseStatus.OK, files.get(name), TYPES.get(name));
        return hardened(response);
    }

    private static FullHttpResponse hardened(FullHttpResponse response) {
        response.headers()
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, SECURITY_POLICY)
                .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
        return response;
    }

    /** Returns the page's configuration: names and paths only, never a key or a secret. */
    static String config(Gateway gateway) {
        ApiDefinition api = gateway.api();
        MetricsSettings metrics = gateway.settings().metrics();
        String stages = api.stages().stream().map(StageDefinition::name).map(ManagementEndpoint::quote)
                .collect(Collectors.joining(","));
        return "{\"apiId\":" + ManagementEndpoint.quote(api.apiId()) + ",\"apiName\":"
                + ManagementEndpoint.quote(api.name()) + ",\"region\":" + ManagementEndpoint.quote(api.region())
                + ",\"stages\":[" + stages + "],\"paths\":{\"connections\":\"/{stage}/@connections\""
                + ",\"metrics\":" + servedOrNull(gateway, metrics.path())
                + ",\"alarms\":" + servedOrNull(gateway, metrics.alarmsPath())
                + ",\"usage\":" + ManagementEndpoint.quote(USAGE_PATH) + "},\"pollMillis\":2000}";
    }

    private static String servedOrNull(Gateway gateway, String path) {
        return gateway.statusPages().stream().map(StatusPage::path).anyMatch(path::equals)
                ? ManagementEndpoint.quote(path) : "null";
    }

    /** Reads one file of the page; the region is written into the HTML so that the sign-in form can prefill it. */
    private static byte[] read(String name, String region) {
        try (InputStream in = ConsoleEndpoint.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("console file: " + RESOURCES + name + " (expected: on the class path)");
            }
            byte[] bytes = in.readAllBytes();
            return name.equals("index.html")
                    ? new String(bytes, StandardCharsets.UTF_8)
                            .replace("{{region}}", region.matches("[a-z0-9-]{1,64}") ? region : "")
                            .getBytes(StandardCharsets.UTF_8)
                    : bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
