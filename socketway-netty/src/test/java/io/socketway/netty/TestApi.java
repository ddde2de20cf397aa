package io.socketway.netty;

import io.socketway.api.ApiDefinition;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds API definitions in code, as the template loader would, for transport tests. */
final class TestApi {
    private final Map<String, RouteDefinition> routes = new LinkedHashMap<>();
    private final Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
    private final Map<String, io.socketway.api.AuthorizerDefinition> authorizers = new LinkedHashMap<>();
    private String selection = "$request.body.action";
    private StageDefinition dev = new StageDefinition("dev", Map.of("env", "test"));
    private final List<StageDefinition> moreStages = new java.util.ArrayList<>();

    /** Adds {@code $connect} (test handler {@code connect}) behind a REQUEST authorizer run by the test handler. */
    TestApi requestAuthorizer(String handler, String... identitySources) {
        functions.putIfAbsent(handler, new FunctionDefinition(handler, "fn-" + handler, handler, "test",
                Path.of("."), Map.of(), Duration.ofSeconds(3), 128, OptionalInt.empty()));
        authorizers.put("Auth", new io.socketway.api.AuthorizerDefinition("Auth", "auth",
                io.socketway.api.AuthorizationType.CUSTOM, List.of(identitySources),
                "arn:aws:lambda:us-east-1:123456789012:function:fn-" + handler, Optional.of(handler),
                Optional.empty(), List.of()));
        route("$connect", "connect", false);
        RouteDefinition connect = routes.get("$connect");
        routes.put("$connect", new RouteDefinition(connect.logicalId(), "$connect", connect.integration(), false,
                io.socketway.api.AuthorizationType.CUSTOM, Optional.of("Auth")));
        return this;
    }

    static TestApi create() {
        return new TestApi();
    }

    private Duration integrationTimeout = IntegrationDefinition.DEFAULT_TIMEOUT;

    /** Gives the integrations of routes added after this call {@code timeout} ({@code TimeoutInMillis}). */
    TestApi integrationTimeout(Duration timeout) {
        integrationTimeout = timeout;
        return this;
    }

    /** Adds a route backed by the test handler of the same name. */
    TestApi route(String key, String handler, boolean twoWay) {
        return route(key, handler, twoWay, Duration.ofSeconds(3), OptionalInt.empty());
    }

    TestApi route(String key, String handler, boolean twoWay, Duration timeout, OptionalInt concurrency) {
        functions.putIfAbsent(handler, new FunctionDefinition(handler, "fn-" + handler, handler, "test",
                Path.of("."), Map.of(), timeout, 128, concurrency));
        IntegrationDefinition integration = new IntegrationDefinition("Int" + handler, IntegrationType.AWS_PROXY,
                "arn:aws:lambda:us-east-1:123456789012:function:fn-" + handler, Optional.of(handler), "POST",
                integrationTimeout, Map.of(), Optional.empty(), Map.of(), Map.of());
        routes.put(key, new RouteDefinition("Route" + routes.size(), key, Optional.of(integration), twoWay));
        return this;
    }

    /** Adds a route with an HTTP integration (AWS_PROXY over HTTP or HTTP_PROXY). */
    TestApi httpRoute(String key, IntegrationType type, String uri, boolean twoWay, Duration timeout) {
        IntegrationDefinition integration = new IntegrationDefinition("Http" + routes.size(), type, uri,
                Optional.empty(), "POST", timeout, Map.of(), Optional.empty(), Map.of(),
                Map.of("integration.request.header.connectionId", "context.connectionId"));
        routes.put(key, new RouteDefinition("Route" + routes.size(), key, Optional.of(integration), twoWay));
        return this;
    }

    /** Adds a route whose integration type Socketway does not run ({@code AWS} or {@code HTTP}). */
    TestApi unsupportedRoute(String key) {
        IntegrationDefinition integration = new IntegrationDefinition("Unsupported" + routes.size(),
                IntegrationType.UNSUPPORTED, "", Optional.empty(), "POST", IntegrationDefinition.DEFAULT_TIMEOUT,
                Map.of(), Optional.empty(), Map.of(), Map.of());
        routes.put(key, new RouteDefinition("Route" + routes.size(), key, Optional.of(integration), false));
        return this;
    }

    /** Adds a MOCK route. */
    TestApi mockRoute(String key, String requestTemplate, String responseTemplate, boolean twoWay) {
        IntegrationDefinition integration = new IntegrationDefinition("Mock" + routes.size(), IntegrationType.MOCK,
                "", Optional.empty(), "POST", IntegrationDefinition.DEFAULT_TIMEOUT,
                Map.of("$default", requestTemplate), Optional.empty(),
                responseTemplate.isEmpty() ? Map.of() : Map.of("$default", responseTemplate), Map.of());
        routes.put(key, new RouteDefinition("Route" + routes.size(), key, Optional.of(integration), twoWay));
        return this;
    }

    /** Adds {@code $connect} (test handler {@code connect}) behind a REQUEST authorizer served over HTTP. */
    TestApi httpRequestAuthorizer(String uri, String... identitySources) {
        authorizers.put("Auth", new io.socketway.api.AuthorizerDefinition("Auth", "auth",
                io.socketway.api.AuthorizationType.CUSTOM, List.of(identitySources), uri, Optional.empty(),
                Optional.empty(), List.of()));
        route("$connect", "connect", false);
        RouteDefinition connect = routes.get("$connect");
        routes.put("$connect", new RouteDefinition(connect.logicalId(), "$connect", connect.integration(), false,
                io.socketway.api.AuthorizationType.CUSTOM, Optional.of("Auth")));
        return this;
    }

    /** Adds {@code $connect} (test handler {@code connect}) behind a JWT authorizer. */
    TestApi jwtAuthorizer(String identitySource, String issuer, String audience) {
        authorizers.put("Jwt", new io.socketway.api.AuthorizerDefinition("Jwt", "jwt",
                io.socketway.api.AuthorizationType.JWT, List.of(identitySource), "", Optional.empty(),
                Optional.of(issuer), List.of(audience)));
        route("$connect", "connect", false);
        RouteDefinition connect = routes.get("$connect");
        routes.put("$connect", new RouteDefinition(connect.logicalId(), "$connect", connect.integration(), false,
                io.socketway.api.AuthorizationType.JWT, Optional.of("Jwt")));
        return this;
    }

    /** Adds {@code $connect} (test handler {@code connect}) that requires a SigV4-presigned connect URL. */
    TestApi iamConnect() {
        route("$connect", "connect", false);
        RouteDefinition connect = routes.get("$connect");
        routes.put("$connect", new RouteDefinition(connect.logicalId(), "$connect", connect.integration(), false,
                io.socketway.api.AuthorizationType.AWS_IAM, Optional.empty()));
        return this;
    }

    /** Gives stage {@code dev} {@code AccessLogSettings} with {@code format}. */
    TestApi accessLog(String format) {
        dev = dev.withAccessLogSettings(new io.socketway.api.AccessLogSettings("", format));
        return this;
    }

    /** Adds a stage besides {@code dev}. */
    TestApi stage(String name) {
        moreStages.add(new StageDefinition(name, Map.of()));
        return this;
    }

    TestApi selection(String expression) {
        this.selection = expression;
        return this;
    }

    ApiDefinition build() {
        return new ApiDefinition(Path.of(""), "TestApi", "test-api", "abcde12345", selection,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(dev), moreStages.stream()).toList(), routes,
                functions, "us-east-1",
                "123456789012", "test", List.of(), Map.of(), authorizers);
    }
}
