package io.socketway.core;

import io.socketway.api.spi.GatewayObserver;

import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizerDefinition;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionException;
import io.socketway.api.spi.FunctionRuntime;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Deploys the functions the API's routes use and builds each route's {@link Integration}. Functions deploy in
 * parallel; each gets Lambda's environment (region, credentials) with AWS endpoint URLs rewritten to this gateway.
 *
 * <p>Threading: {@link #deploy} blocks (it loads code) and runs once at start-up, off any event loop.
 */
final class FunctionDeployer implements AutoCloseable {
    private final ApiDefinition api;
    private final GatewaySettings settings;
    private final List<FunctionRuntime> runtimes;
    private final ExecutorService executor;
    /** Set by {@link #deploy} before any integration is built. */
    private FunctionHttpClient http = NOT_STARTED;
    private final Map<String, DeployedFunction> deployed = new ConcurrentHashMap<>();
    private final Map<String, TimeLimiter> limiters = new ConcurrentHashMap<>();
    private final ConnectAuthorizers authorizers;
    private final Map<String, Map<String, String>> stageVariables;
    private final GatewayObserver observer;

    FunctionDeployer(ApiDefinition api, GatewaySettings settings, List<FunctionRuntime> runtimes,
            ExecutorService executor, ConnectAuthorizers authorizers,
            Map<String, Map<String, String>> stageVariables, GatewayObserver observer) {
        this.observer = observer;
        this.authorizers = authorizers;
        this.stageVariables = stageVariables;
        this.api = api;
        this.settings = settings;
        this.runtimes = runtimes;
        this.executor = executor;
    }

    /** Deploys the functions and builds the routes, whose HTTP functions are called through {@code http}. */
    RouteTable deploy(LocalEndpoint endpoint, LambdaEvents events, FunctionHttpClient http) {
        this.http = http;
        deployFunctions(endpoint);
        Map<String, RouteTable.Route> routes = new LinkedHashMap<>();
        for (RouteDefinition r : api.routes().values()) {
            routes.put(r.routeKey(), new RouteTable.Route(r, r.integration().map(this::integration).orElse(null)));
        }
        return new RouteTable(api, routes, connectAuthorizer(events));
    }

    private @Nullable ConnectAuthorizer connectAuthorizer(LambdaEvents events) {
        RouteDefinition connect = api.route(RouteTable.CONNECT).orElse(null);
        if (connect == null) {
            return null;
        }
        return switch (connect.authorizationType()) {
            case NONE -> null;
            case CUSTOM -> {
                AuthorizerDefinition a = api.connectAuthorizer().orElseThrow();
                LambdaInvoker invoker = a.isHttp()
                        ? new HttpLambdaInvoker(URI.create(a.uri()), http, IntegrationDefinition.DEFAULT_TIMEOUT)
                        : inProcess(a.functionLogicalId().orElseThrow(), IntegrationDefinition.DEFAULT_TIMEOUT);
                yield new RequestAuthorizer(a, invoker, events, api.apiId(), api.region(), api.accountId(),
                        stageVariables);
            }
            case JWT, AWS_IAM -> authorizers.create(api, connect.authorizationType());
        };
    }

    Map<String, String> deployedNames() {
        Map<String, String> names = new LinkedHashMap<>();
        deployed.forEach((id, f) -> names.put(id, f.name()));
        return names;
    }

    private void deployFunctions(LocalEndpoint endpoint) {
        Map<String, Future<DeployedFunction>> pending = new LinkedHashMap<>();
        for (String logicalId : usedFunctions()) {
            FunctionDefinition f = api.functions().get(logicalId);
            if (f == null) {
                throw new FunctionException("Configuration", "integration function: " + logicalId
                        + " (expected: a function of the template)");
            }
            FunctionRuntime runtime = runtimeFor(f);
            pending.put(logicalId, executor.submit(() -> runtime.deploy(localized(f, endpoint), environment())));
        }
        for (Map.Entry<String, Future<DeployedFunction>> e : pending.entrySet()) {
            deployed.put(e.getKey(), await(e.getValue()));
        }
    }

    private List<String> usedFunctions() {
        return java.util.stream.Stream.concat(
                        api.routes().values().stream()
                                .flatMap(r -> r.integration().stream())
                                .filter(i -> i.type() == IntegrationType.AWS_PROXY)
                                .flatMap(i -> i.functionLogicalId().stream()),
                        api.connectAuthorizer().stream().flatMap(a -> a.functionLogicalId().stream()))
                .distinct()
                .toList();
    }

    private FunctionRuntime runtimeFor(FunctionDefinition f) {
        return runtimes.stream().filter(r -> r.supports(f.runtime())).findFirst().orElseThrow(() ->
                new FunctionException("Configuration", "Resources." + f.logicalId() + ".Properties.Runtime: "
                        + f.runtime() + " (expected: a runtime this gateway runs in-process, such as java21;"
                        + " serve other languages over HTTP with IntegrationUri: http://...)"));
    }

    private static DeployedFunction await(Future<DeployedFunction> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new FunctionException("Deploy", String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionException("Deploy", "interrupted while deploying functions", e);
        }
    }

    private FunctionDefinition localized(FunctionDefinition f, LocalEndpoint endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        f.environment().forEach((k, v) -> env.put(k, endpoint.localize(v, api)));
        return new FunctionDefinition(f.logicalId(), f.functionName(), f.handler(), f.runtime(), f.codeUri(), env,
                f.timeout(), f.memorySizeMb(), f.reservedConcurrentExecutions());
    }

    private Map<String, String> environment() {
        GatewaySettings.FunctionCredentials c = settings.functionCredentials();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", api.region());
        env.put("AWS_DEFAULT_REGION", api.region());
        env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
        if (!c.sessionToken().isEmpty()) {
            env.put("AWS_SESSION_TOKEN", c.sessionToken());
        }
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("SOCKETWAY_ACCOUNT_ID", api.accountId());
        return env;
    }

    private Integration integration(IntegrationDefinition i) {
        return switch (i.type()) {
            case MOCK -> new MockIntegration(i);
            case UNSUPPORTED -> event -> {
                throw new IntegrationException(IntegrationException.Kind.BACKEND_UNREACHABLE, "integration "
                        + i.logicalId() + ": its IntegrationType (AWS or HTTP, through mapping templates) is not run"
                        + " by Socketway");
            };
            case HTTP_PROXY -> new HttpIntegration(i, http);
            case AWS_PROXY -> new FunctionIntegration(i.isHttp()
                    ? new HttpLambdaInvoker(URI.create(i.uri()), http, i.timeout())
                    : inProcess(i.functionLogicalId().orElseThrow(() -> new FunctionException("Configuration",
                            "integration " + i.logicalId() + ": IntegrationUri " + i.uri()
                                    + " (expected: a function of the template or an http(s):// URL)")),
                            i.timeout()));
        };
    }

    /** Returns an invoker of a deployed function with the shorter of its own timeout and {@code timeout}. */
    private LambdaInvoker inProcess(String logicalId, Duration timeout) {
        FunctionDefinition f = api.functions().get(logicalId);
        TimeLimiter limiter = limiters.computeIfAbsent(logicalId,
                id -> new TimeLimiter(executor, f.reservedConcurrentExecutions().orElse(-1), observer,
                        f.functionName()));
        Duration effective = f.timeout().compareTo(timeout) < 0 ? f.timeout() : timeout;
        return new InProcessInvoker(deployed.get(logicalId), limiter, effective);
    }

    private static final FunctionHttpClient NOT_STARTED = new FunctionHttpClient() {
        @Override
        public java.util.concurrent.CompletionStage<Response> send(Request request) {
            throw new IllegalStateException("the gateway has not started");
        }

        @Override
        public void close() {}
    };

    @Override
    public void close() {
        deployed.values().forEach(DeployedFunction::close);
        deployed.clear();
    }
}
