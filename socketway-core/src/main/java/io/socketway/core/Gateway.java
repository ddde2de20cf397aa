package io.socketway.core;

import static io.socketway.api.Checks.notNull;

import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.AccessLogEntry.EventType;
import io.socketway.api.spi.AccessLogSink;
import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.api.spi.DisconnectCause;
import io.socketway.api.spi.FunctionRuntime;
import io.socketway.api.spi.GatewayObserver;
import io.socketway.api.spi.GatewayObserver.OutboundKind;
import io.socketway.api.spi.GatewayObserver.Outcome;
import io.socketway.api.spi.GatewayObserver.Throttle;
import io.socketway.api.spi.MessageBus;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.api.spi.NodeMembership;
import io.socketway.api.spi.RequestListener;
import io.socketway.security.sigv4.AccessKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The gateway node: turns every connect, message and disconnect of its clients into a call to the route's integration,
 * exactly as API Gateway WebSocket APIs do, and serves the {@code @connections} operations through
 * {@link #management()}.
 *
 * <p>A transport drives it: {@link #connect} when an upgrade request arrives (answer with 101 only once the returned
 * stage completes with {@link ConnectResult.Accepted}), {@link #opened} after the 101 is written, {@link #message}
 * for each complete text message, and {@link #closed} exactly when the socket has closed.
 *
 * <p>Threading: every public method is thread-safe and returns without blocking, so transports call them on their
 * event loops. Integrations run on virtual threads. Messages of one connection reach its integrations one at a time in
 * arrival order, followed by its {@code $disconnect}; a route with an invocation batch
 * ({@link BatchingSettings#invocationBatches()}) may receive several consecutive ones in one invocation.
 *
 * <p>Every event is reported where it happens to the {@link GatewayObserver} given to the builder (metrics, alarms),
 * and the builder's {@link StatusPage}s are served by the transport. Every request (connect, message, disconnect)
 * is reported once it has ended to the builder's {@link RequestListener}s, among them the access log of stages with
 * {@code AccessLogSettings} when the builder has an {@link AccessLogSink}; without listeners no entries are built.
 * While a request runs, its virtual thread (and the function's) has the request id as SLF4J MDC {@value #MDC_KEY}.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    static final String FORBIDDEN_BODY = "{\"message\":\"Forbidden\"}";
    /** The SLF4J MDC key holding the request id while a request's integration runs. */
    public static final String MDC_KEY = "requestId";

    private final ApiDefinition api;
    private final GatewaySettings settings;
    private final ConnectionRegistry registry;
    private final MessageBus bus;
    private final ExecutorService executor;
    private final FunctionDeployer deployer;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Connections whose registry entry may be wrong because a register or remove failed. */
    private final Set<String> unsynced = ConcurrentHashMap.newKeySet();
    private final InFlight inFlight = new InFlight();
    /** Client addresses, User-Agents and host names shared by the connections that hold them. */
    private final RecentStrings shared = new RecentStrings(1024);
    private final Map<String, Map<String, String>> stageVariables;
    private final Map<String, String> stageNames;
    private final LambdaEvents events;
    private final ManagementService management;
    private final CompletableFuture<RouteTable> routes = new CompletableFuture<>();
    private final ConnectionGuard guard;
    private final SecurityAuthorizers securityAuthorizers;
    private final @Nullable NodeMembership membership;
    private final java.util.concurrent.ScheduledExecutorService reaper;
    private final Duration reapInterval;
    private final GatewayObserver observer;
    private final List<StatusPage> statusPages;
    private final LambdaBilling billing;
    private final RequestListener requests;
    private volatile boolean draining;
    /** The JDK client this node made for itself in {@link #start(LocalEndpoint)}, closed with the node. */
    private volatile @Nullable FunctionHttpClient ownHttp;

    private Gateway(Builder b) {
        this.api = b.api;
        this.settings = b.settings;
        this.registry = b.registry;
        this.bus = b.bus;
        this.stageVariables = stageVariables(api);
        this.stageNames = api.stages().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                s -> s.name(), s -> s.name(), (first, second) -> first));
        this.observer = GatewayObserver.composite(b.observers);
        this.statusPages = List.copyOf(b.statusPages);
        this.billing = new LambdaBilling(api);
        this.requests = requestListener(b);
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socketway-fn-", 0).factory());
        this.securityAuthorizers = new SecurityAuthorizers(settings.security());
        this.deployer = new FunctionDeployer(api, settings, List.copyOf(b.runtimes), executor,
                securityAuthorizers, stageVariables, observer);
        this.events = new LambdaEvents(api.apiId(), stageVariables);
        this.management = new ManagementService(this);
        this.guard = new ConnectionGuard(settings.rateLimits());
        bus.subscribe(settings.nodeId(), new LocalReceiver());
        this.membership = b.membership;
        this.reapInterval = b.reapInterval;
        this.reaper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("socketway-reaper").daemon().factory());
    }

    /** Returns a builder for a node serving {@code api}. */
    public static Builder builder(ApiDefinition api) {
        return new Builder(api);
    }

    /**
     * Deploys the API's functions (in parallel) and starts routing, calling HTTP functions with the JDK's
     * {@code HttpClient} (see {@link #start(LocalEndpoint, FunctionHttpClient)}). Call once, after the transport has
     * bound its port, so that AWS endpoint URLs in function environments can be rewritten to {@code endpoint}.
     * Connections arriving before this completes wait for it.
     *
     * @throws io.socketway.api.spi.FunctionException when a function cannot be deployed
     */
    public void start(LocalEndpoint endpoint) {
        FunctionHttpClient http = FunctionHttpClient.jdk(executor, settings.functionHttp());
        ownHttp = http;
        start(endpoint, http);
    }

    /**
     * Deploys the API's functions (in parallel) and starts routing, calling functions reached over HTTP through
     * {@code http} (a transport's pooled client), which the caller closes after this node has drained. Call once,
     * after the transport has bound its port. Connections arriving before this completes wait for it.
     *
     * @throws io.socketway.api.spi.FunctionException when a function cannot be deployed
     */
    public void start(LocalEndpoint endpoint, FunctionHttpClient http) {
        notNull(http, "http");
        try {
            startAsync(endpoint, http).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Starts deploying the API's functions (in parallel, on virtual threads) and returns at once, calling functions
     * reached over HTTP with the JDK's {@code HttpClient}; the stage completes when routing has started, or exceptionally with the
     * deploy failure (often a {@link io.socketway.api.spi.FunctionException}). Call once, after the transport has
     * bound its port. A handshake arriving before then waits for it, up to its {@code $connect} integration's timeout
     * (then 502); a message cannot arrive earlier, since its connection needed a handshake.
     */
    public CompletableFuture<Void> startAsync(LocalEndpoint endpoint) {
        FunctionHttpClient http = FunctionHttpClient.jdk(executor, settings.functionHttp());
        ownHttp = http;
        return startAsync(endpoint, http);
    }

    /** As {@link #startAsync(LocalEndpoint)}, calling functions reached over HTTP through {@code http}. */
    public CompletableFuture<Void> startAsync(LocalEndpoint endpoint, FunctionHttpClient http) {
        notNull(endpoint, "endpoint");
        notNull(http, "http");
        CompletableFuture.runAsync(() -> deployRoutes(endpoint, http), executor);
        return routes.thenApply(table -> null);
    }

    private void deployRoutes(LocalEndpoint endpoint, FunctionHttpClient http) {
        try {
            routes.complete(deployer.deploy(endpoint, events, http));
            if (membership != null) {
                reaper.scheduleWithFixedDelay(() -> {
                    repairRegistry();
                    reapDeadNodes();
                }, reapInterval.toMillis(), reapInterval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException | Error e) {
            routes.completeExceptionally(e);
        }
    }

    /** Returns the API this node serves. */
    public ApiDefinition api() {
        return api;
    }

    /** Returns this node's settings. */
    public GatewaySettings settings() {
        return settings;
    }

    /** Returns the names of the functions deployed, by logical id. */
    public Map<String, String> functions() {
        return deployer.deployedNames();
    }

    /** Returns the observer every event is reported to ({@link GatewayObserver#NOOP} when none was given). */
    public GatewayObserver observer() {
        return observer;
    }

    /** Returns the operations pages (metrics, alarms) the transport serves, in the order given. */
    public List<StatusPage> statusPages() {
        return statusPages;
    }

    /** Returns the {@code @connections} operations. */
    public ManagementService management() {
        return management;
    }

    /** Returns the open connections of this node. */
    public Collection<Connection> connections() {
        return List.copyOf(connections.values());
    }

    /**
     * Runs the {@code $connect} route for an upgrade request (spec §2.2): 2xx accepts, another status rejects with that
     * status, a failure or timeout rejects with 502, and without a {@code $connect} route every connection is accepted.
     */
    public CompletionStage<ConnectResult> connect(HandshakeRequest handshake) {
        notNull(handshake, "handshake");
        if (draining) {
            return CompletableFuture.completedFuture(
                    new ConnectResult.Rejected(503, "{\"message\":\"Service Unavailable\"}"));
        }
        String stage = stageNames.get(handshake.stage()); // the definition's instance, not a copy per connection
        if (stage == null) {
            return CompletableFuture.completedFuture(new ConnectResult.Rejected(403, FORBIDDEN_BODY));
        }
        observer.connectRequested(stage);
        String requestId = Ids.requestId();
        long now = System.currentTimeMillis();
        RequestLog log = requests == RequestListener.NOOP ? RequestLog.OFF
                : RequestLog.handshake(requestId, now, handshake).route(RouteTable.CONNECT);
        if (!settings.originAllowed(stage, handshake.header("Origin"))) {
            return refusedBeforeConnect(stage, 403, FORBIDDEN_BODY, log, "ACCESS_DENIED");
        }
        if (!guard.admit(handshake.sourceIp())) {
            observer.throttled(stage, Throttle.CONNECT);
            return refusedBeforeConnect(stage, 429, ConnectionGuard.TOO_MANY, log, "THROTTLED");
        }
        Connection connection = new Connection(Ids.connectionId(), stage, now, shared.share(handshake.sourceIp()),
                shared.share(handshake.header("User-Agent")), shared.share(handshake.domainName()), Map.of());
        log.connection(connection);
        return routesForHandshake().handle((table, error) -> table)
                .thenComposeAsync(table -> table == null
                        ? CompletableFuture.completedFuture(
                                new ConnectResult.Rejected(502, "{\"message\": \"Internal server error\"}"))
                        : authorizeThenConnect(table, connection, handshake, requestId, log), executor)
                .whenComplete((result, error) -> {
                    if (!(result instanceof ConnectResult.Accepted)) {
                        guard.release(handshake.sourceIp());
                        observer.connectRejected(stage, result instanceof ConnectResult.Rejected r ? r.status() : 502);
                    }
                    connectEnded(log, result);
                });
    }

    /**
     * Returns the route table; while functions still deploy, waits up to the {@code $connect} timeout for them (a
     * handshake that cannot have it, because that time passed or a function failed to deploy, gets 502).
     */
    private CompletionStage<RouteTable> routesForHandshake() {
        if (routes.isDone()) {
            return routes;
        }
        Duration wait = api.route(RouteTable.CONNECT).flatMap(r -> r.integration())
                .map(i -> i.timeout()).orElse(io.socketway.api.IntegrationDefinition.DEFAULT_TIMEOUT);
        return routes.copy().orTimeout(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private CompletionStage<ConnectResult> refusedBeforeConnect(String stage, int status, String body,
            RequestLog log, String responseType) {
        observer.clientError(stage, RouteTable.CONNECT, status);
        observer.connectRejected(stage, status);
        log.status(status, ErrorFrames.message(status), responseType);
        requestEnded(log);
        return CompletableFuture.completedFuture(new ConnectResult.Rejected(status, body));
    }

    /** Logs a connect's answer: 200 when accepted, else the status the client got (set already when known). */
    private void connectEnded(RequestLog log, @Nullable ConnectResult result) {
        if (!log.on()) {
            return;
        }
        if (result instanceof ConnectResult.Accepted accepted) {
            log.connection(accepted.connection());
        } else if (result instanceof ConnectResult.Rejected rejected) {
            log.answered(rejected.status());
        } else {
            log.status(502, "Internal server error", "INTEGRATION_FAILURE");
        }
        requestEnded(log);
    }

    /** Reports a request that has ended to the listeners; nothing when none listens. */
    private void requestEnded(RequestLog log) {
        if (log.on()) {
            try {
                requests.requestCompleted(log.entry(api.apiId()));
            } catch (RuntimeException e) {
                LOG.warn("A request listener failed: {}", e.toString());
            }
        }
    }

    private CompletionStage<ConnectResult> authorizeThenConnect(RouteTable table, Connection connection,
            HandshakeRequest handshake, String requestId, RequestLog log) {
        MDC.put(MDC_KEY, requestId);
        try {
            ConnectAuthorizer authorizer = table.connectAuthorizer();
            if (authorizer == null) {
                return runConnect(table, connection, handshake, requestId, log);
            }
            return authorizeThenRunConnect(table, authorizer, connection, handshake, requestId, log);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    private CompletionStage<ConnectResult> authorizeThenRunConnect(RouteTable table, ConnectAuthorizer authorizer,
            Connection connection, HandshakeRequest handshake, String requestId, RequestLog log) {
        inFlight.enter();
        long started = System.nanoTime();
        try {
            Authorization authorization = authorizer.authorize(connection, handshake, requestId);
            billing.authorizer().ifPresent(f -> observer.functionInvoked(connection.stage(), RouteTable.CONNECT,
                    f.name(), f.memorySizeMb(), System.nanoTime() - started));
            return switch (authorization) {
                case Authorization.Allowed allowed -> {
                    log.authorize(200, System.nanoTime() - started, null);
                    Connection authorized = connection.withAuthorizer(allowed.context(), allowed.identity());
                    log.connection(authorized);
                    yield runConnect(table, authorized, handshake, requestId, log)
                            .thenApply(result -> withDefaultSubprotocol(result, allowed.subprotocol()));
                }
                case Authorization.Denied denied -> {
                    long elapsed = System.nanoTime() - started;
                    observer.integrationCompleted(connection.stage(), RouteTable.CONNECT,
                            denied.status() < 500 ? Outcome.CLIENT_ERROR : Outcome.EXECUTION_ERROR, elapsed);
                    String message = ErrorFrames.message(denied.status());
                    log.authorize(denied.status(), elapsed, message);
                    log.status(denied.status(), message, switch (denied.status()) {
                        case 401 -> "UNAUTHORIZED";
                        case 403 -> "ACCESS_DENIED";
                        default -> "AUTHORIZER_FAILURE";
                    });
                    yield done(new ConnectResult.Rejected(denied.status(), denied.body()));
                }
            };
        } finally {
            inFlight.exit();
        }
    }

    private static ConnectResult withDefaultSubprotocol(ConnectResult result, Optional<String> subprotocol) {
        if (result instanceof ConnectResult.Accepted accepted && accepted.subprotocol().isEmpty()
                && subprotocol.isPresent()) {
            return new ConnectResult.Accepted(accepted.connection(), subprotocol);
        }
        return result;
    }

    private CompletionStage<ConnectResult> runConnect(RouteTable table, Connection c, HandshakeRequest handshake,
            String requestId, RequestLog log) {
        RouteTable.Route route = table.lifecycle(RouteTable.CONNECT);
        if (route == null || route.integration() == null) {
            return CompletableFuture.completedFuture(new ConnectResult.Accepted(c, Optional.empty()));
        }
        long now = System.currentTimeMillis();
        log.requestTime(now);
        IntegrationEvent event = event(c, "CONNECT", route.key(), requestId, null, handshake,
                events.connect(c, requestId, now, handshake));
        inFlight.enter();
        long started = System.nanoTime();
        try {
            IntegrationResponse response = route.integration().invoke(event);
            completed(c, route, response, started, log);
            if (response.isSuccess()) {
                return done(new ConnectResult.Accepted(c, response.header("Sec-WebSocket-Protocol")));
            }
            String body = response.body() == null ? "{\"message\":\"Forbidden\"}" : response.body();
            return done(new ConnectResult.Rejected(response.statusCode(), body));
        } catch (IntegrationException e) {
            failed(c, route, e, started, log, 502);
            LOG.warn("$connect failed for {} (request {}): {}", c.id(), requestId, e.getMessage(), trace(e));
            return done(new ConnectResult.Rejected(502, "{\"message\": \"Internal server error\"}"));
        } finally {
            inFlight.exit();
        }
    }

    /** Reports an integration's answer: 4xx/5xx is AWS's IntegrationError; MOCK latency is not measured (as AWS). */
    private void completed(Connection c, RouteTable.Route route, IntegrationResponse response, long started,
            RequestLog log) {
        Outcome outcome = response.statusCode() >= 400 ? Outcome.INTEGRATION_ERROR : Outcome.OK;
        long latency = latency(route, started);
        observer.integrationCompleted(c.stage(), route.key(), outcome, latency);
        int callStatus = route.integration() instanceof HttpIntegration ? response.statusCode() : 200;
        log.integration(callStatus, response.statusCode(), latency, null);
        invoked(c, route, latency);
    }

    /** Reports a Lambda invocation of the route's function (usage metering); MOCK and HTTP_PROXY are not Lambda. */
    private void invoked(Connection c, RouteTable.Route route, long durationNanos) {
        billing.route(route.key()).ifPresent(f ->
                observer.functionInvoked(c.stage(), route.key(), f.name(), f.memorySizeMb(), durationNanos));
    }

    /**
     * Reports an integration that could not answer (AWS's ExecutionError), and a function throttle; the client got
     * {@code status} with AWS's {@code Internal server error}.
     */
    private void failed(Connection c, RouteTable.Route route, IntegrationException e, long started, RequestLog log,
            int status) {
        if (e.kind() == IntegrationException.Kind.THROTTLED) {
            observer.throttled(c.stage(), Throttle.FUNCTION_CONCURRENCY);
        }
        long latency = latency(route, started);
        observer.integrationCompleted(c.stage(), route.key(), Outcome.EXECUTION_ERROR, latency);
        if (e.kind() != IntegrationException.Kind.THROTTLED) {
            invoked(c, route, latency);
        }
        if (log.on()) {
            int callStatus = switch (e.kind()) {
                case THROTTLED -> 429;
                case FUNCTION_ERROR, INVALID_RESPONSE -> route.integration() instanceof HttpIntegration ? -1 : 200;
                case TIMEOUT, BACKEND_UNREACHABLE -> -1;
            };
            log.integration(callStatus, -1, latency, e.functionMessage().orElse(e.getMessage()));
            log.status(status, "Internal server error",
                    e.kind() == IntegrationException.Kind.TIMEOUT ? "INTEGRATION_TIMEOUT" : "INTEGRATION_FAILURE");
        }
    }

    private static long latency(RouteTable.Route route, long started) {
        return route.integration() instanceof MockIntegration ? -1 : System.nanoTime() - started;
    }

    private static CompletionStage<ConnectResult> done(ConnectResult result) {
        return CompletableFuture.completedFuture(result);
    }

    /** Records that the 101 was written: the connection is live and reachable through {@code @connections}. */
    public void opened(Connection connection, ClientChannel channel) {
        connection.attach(channel);
        connections.put(connection.id(), connection);
        observer.connectionOpened(connection.stage());
        registryCall("register", connection.id(), () -> registry.register(record(connection)));
        if (draining) {
            channel.close(CloseReason.SHUTDOWN);
        }
    }

    /**
     * Runs a registry call; a failure (even a synchronous one) is logged, never reaches the transport, and marks the
     * connection's entry for repair on the next membership tick ({@link #repairRegistry}).
     */
    private void registryCall(String what, String connectionId, Supplier<CompletionStage<Void>> call) {
        try {
            call.get().whenComplete((ok, e) -> {
                if (e != null) {
                    outOfSync(what, connectionId, e);
                }
            });
        } catch (RuntimeException e) {
            outOfSync(what, connectionId, e);
        }
    }

    private void outOfSync(String what, String connectionId, Throwable e) {
        if (unsynced.add(connectionId)) {
            LOG.warn("Could not {} connection {} in the registry; will retry: {}", what, connectionId, e.toString());
        }
    }

    /**
     * Brings the registry in line with this node's live connections for every connection whose earlier register or
     * remove failed (Redis unreachable, or paused): live ones are registered, gone ones removed. Without it a
     * connection opened during an outage would stay unreachable from other nodes, and one closed during it would
     * stay listed, whenever Redis comes back with its data (a restart with persistence, a failover, a pause).
     * Calls issued later for the same connection reach Redis after these, so a close racing a repair still wins.
     */
    void repairRegistry() {
        for (String id : unsynced) {
            unsynced.remove(id);
            Connection live = connections.get(id);
            if (live != null) {
                registryCall("register", id, () -> registry.register(record(live)));
            } else {
                registryCall("remove", id, () -> registry.remove(id));
            }
        }
    }

    /** Dispatches one complete text message to its route, after the connection's earlier messages. */
    public void message(Connection connection, String text) {
        enqueue(connection, new Inbound(text, null), Utf8.length(text));
    }

    /**
     * Dispatches one binary message (only when {@link Limits#binaryMessages()} is on), base64 encoded with
     * {@code isBase64Encoded: true}: to {@code $default}, or with {@link Limits#binaryEnvelope()} to the route its
     * envelope selects.
     */
    public void binaryMessage(Connection connection, byte[] data) {
        enqueue(connection, new Inbound(null, data), data.length);
    }

    /** One received message: text, or binary data. */
    private record Inbound(@Nullable String text, byte @Nullable [] data) {
        int size() {
            return text != null ? text.length() : data.length;
        }
    }

    private void enqueue(Connection connection, Inbound message, int bytes) {
        connection.touch();
        int violations = connection.throttle(settings.rateLimits());
        if (violations > 0) {
            observer.messageReceived(connection.stage(), null, bytes);
            observer.throttled(connection.stage(), Throttle.MESSAGE);
            observer.clientError(connection.stage(), null, 429);
            String requestId = Ids.requestId();
            RequestLog log = requestLog(EventType.MESSAGE, requestId, System.currentTimeMillis(), connection);
            log.status(429, "Too Many Requests", "THROTTLED");
            throttled(connection, violations, requestId);
            requestEnded(log);
            return;
        }
        int size = message.size();
        int limit = settings.limits().inboundQueueBytes();
        connection.queued(size, limit);
        inFlight.enter();
        connection.submit(new QueuedMessage(message.text(), message.data(), bytes, settings.limits().binaryEnvelope(),
                m -> dispatch(connection, m), () -> {
                    connection.dequeued(size, limit);
                    inFlight.exit();
                }), executor);
    }

    private void throttled(Connection c, int violations, String requestId) {
        int limit = settings.rateLimits().violationsBeforeClose();
        ClientChannel channel = c.channel();
        if (limit > 0 && violations >= limit && channel != null) {
            LOG.warn("Closing {}: {} messages over the rate limit", c.id(), violations);
            channel.close(CloseReason.POLICY_RATE);
        } else {
            reply(c, ErrorFrames.tooManyRequests(c.id(), requestId), OutboundKind.ERROR);
        }
    }

    /**
     * Records that the socket closed, and runs {@code $disconnect} once, after the connection's queued messages.
     * Safe to call more than once; only the first call counts.
     */
    public void closed(Connection connection, CloseReason reason) {
        if (!connection.markDisconnected()) {
            return;
        }
        if (connections.remove(connection.id(), connection)) {
            observer.disconnected(connection.stage(), reason.code(), reason.cause());
            observer.connectionEnded(connection.stage(), System.currentTimeMillis() - connection.connectedAt());
        }
        registryCall("remove", connection.id(), () -> registry.remove(connection.id()));
        guard.release(connection.sourceIp());
        inFlight.enter();
        connection.submit(() -> {
            try {
                runDisconnect(connection, reason);
            } finally {
                inFlight.exit();
            }
        }, executor);
    }

    private void dispatch(Connection c, QueuedMessage message) {
        RouteTable table = routes.join();
        RouteTable.Route route = message.route(table);
        String requestId = Ids.requestId();
        long now = System.currentTimeMillis();
        RequestLog log = requestLog(EventType.MESSAGE, requestId, now, c);
        observer.messageReceived(c.stage(), route == null ? null : route.key(), message.bytes());
        if (route == null) {
            observer.clientError(c.stage(), null, 403);
            log.status(403, "Forbidden", "MISSING_AUTHENTICATION_TOKEN");
            reply(c, ErrorFrames.forbidden(c.id(), requestId), OutboundKind.ERROR);
        } else {
            List<QueuedMessage> batch = batch(c, table, route, message);
            log.route(route.key());
            MDC.put(MDC_KEY, requestId);
            try {
                invokeRoute(c, route, batch, requestId, now, log);
            } finally {
                MDC.remove(MDC_KEY);
                batch.subList(1, batch.size()).forEach(QueuedMessage::done);
            }
        }
        requestEnded(log);
    }

    /**
     * Returns {@code first} followed by the messages queued right behind it for the same route, up to the route's
     * invocation batch (only for functions: other integrations get one message per call).
     */
    private List<QueuedMessage> batch(Connection c, RouteTable table, RouteTable.Route route, QueuedMessage first) {
        int max = settings.batching().invocationBatch(route.key());
        if (max < 2 || !(route.integration() instanceof FunctionIntegration)) {
            return List.of(first);
        }
        List<QueuedMessage> batch = new ArrayList<>(max);
        batch.add(first);
        while (batch.size() < max) {
            Runnable next = c.takeNext(task -> task instanceof QueuedMessage m && m.route(table) == route);
            if (next == null) {
                break;
            }
            QueuedMessage m = (QueuedMessage) next;
            observer.messageReceived(c.stage(), route.key(), m.bytes());
            batch.add(m);
        }
        return batch;
    }

    private void invokeRoute(Connection c, RouteTable.Route route, List<QueuedMessage> batch, String requestId,
            long now, RequestLog log) {
        if (route.integration() == null) {
            return;
        }
        QueuedMessage first = batch.get(0);
        String messageId = Ids.requestId();
        log.messageId(messageId);
        LambdaEvent lambdaEvent = batch.size() == 1
                ? events.message(c, route.key(), messageId, requestId, now, first.body(), first.binary())
                : events.messageBatch(c, route.key(), messageId, requestId, now, batch);
        IntegrationEvent event = event(c, "MESSAGE", route.key(), requestId, first.body(), null, lambdaEvent);
        long started = System.nanoTime();
        try {
            IntegrationResponse response = route.integration().invoke(event);
            completed(c, route, response, started, log);
            if (!route.definition().twoWay()) {
                return;
            }
            if (first.binary() && response.binaryBody() != null
                    && settings.limits().binaryEnvelope() != BinaryEnvelope.NONE) {
                replyBinary(c, response.binaryBody());
            } else if (response.body() != null && !response.body().isEmpty()) {
                reply(c, response.body(), OutboundKind.REPLY);
            }
        } catch (IntegrationException e) {
            failed(c, route, e, started, log, 500);
            LOG.warn("Route {} failed for {} (request {}): {}", route.key(), c.id(), requestId, e.getMessage(),
                    trace(e));
            reply(c, ErrorFrames.internalServerError(c.id(), requestId), OutboundKind.ERROR);
        }
    }

    private void runDisconnect(Connection c, CloseReason reason) {
        String requestId = Ids.requestId();
        long now = System.currentTimeMillis();
        RequestLog log = requestLog(EventType.DISCONNECT, requestId, now, c).route(RouteTable.DISCONNECT);
        log.disconnect(reason);
        RouteTable table = routes.getNow(null);
        RouteTable.Route route = table == null ? null : table.lifecycle(RouteTable.DISCONNECT);
        if (route != null && route.integration() != null) {
            MDC.put(MDC_KEY, requestId);
            try {
                invokeDisconnect(c, route, reason, requestId, now, log);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
        requestEnded(log);
    }

    private void invokeDisconnect(Connection c, RouteTable.Route route, CloseReason reason, String requestId,
            long now, RequestLog log) {
        IntegrationEvent event = event(c, "DISCONNECT", route.key(), requestId, null, null,
                events.disconnect(c, requestId, now, reason));
        long started = System.nanoTime();
        try {
            completed(c, route, route.integration().invoke(event), started, log);
        } catch (IntegrationException e) {
            failed(c, route, e, started, log, 500);
            LOG.warn("$disconnect failed for {} (request {}): {}", c.id(), requestId, e.getMessage(), trace(e));
        }
    }

    /** Starts the log of a request of {@code c}: {@link RequestLog#OFF} when no listener would hear it. */
    private RequestLog requestLog(EventType type, String requestId, long now, Connection c) {
        return requests == RequestListener.NOOP ? RequestLog.OFF : RequestLog.of(type, requestId, now, c);
    }

    private IntegrationEvent event(Connection c, String type, String routeKey, String requestId, @Nullable String body,
            @Nullable HandshakeRequest handshake, LambdaEvent lambdaEvent) {
        Map<String, String> vars = stageVariables.getOrDefault(c.stage(), Map.of());
        return new IntegrationEvent(c, type, routeKey, requestId, body, handshake, vars, lambdaEvent);
    }

    /** Sends a reply or error frame; a client whose buffer is full is closed as a slow consumer, never silently. */
    private void reply(Connection c, String text, OutboundKind kind) {
        ClientChannel channel = c.channel();
        if (channel != null) {
            delivered(c, channel, channel.send(text), kind, Utf8.length(text));
        }
    }

    /** Sends a route reply as one binary message; an empty one sends nothing, as an empty text reply does. */
    private void replyBinary(Connection c, byte[] data) {
        ClientChannel channel = c.channel();
        if (channel != null && data.length > 0) {
            delivered(c, channel, channel.sendBinary(data), OutboundKind.REPLY, data.length);
        }
    }

    private void delivered(Connection c, ClientChannel channel, Delivery delivery, OutboundKind kind, int bytes) {
        if (delivery == Delivery.BUFFER_FULL) {
            observer.outboundRefused(c.stage(), kind);
            LOG.warn("Closing {}: outbound buffer full while sending a route reply", c.id());
            channel.close(CloseReason.SLOW_CONSUMER);
        } else if (delivery == Delivery.DELIVERED) {
            observer.messageSent(c.stage(), kind, bytes);
            c.touch();
        }
    }

    /** Returns the live local connection with this id, if any. */
    Optional<Connection> local(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId));
    }

    ConnectionRegistry registry() {
        return registry;
    }

    MessageBus bus() {
        return bus;
    }

    private ConnectionRecord record(Connection c) {
        String ua = c.userAgent() == null ? "" : c.userAgent();
        return new ConnectionRecord(c.id(), c.stage(), settings.nodeId(), c.connectedAt(), c.sourceIp(), ua);
    }

    /**
     * Stops accepting connections, closes every client with 1001 so it reconnects elsewhere, and waits until every
     * {@code $disconnect} and in-flight invocation has finished or {@code timeout} has passed.
     *
     * @return true when everything finished in time
     */
    public boolean drain(Duration timeout) {
        beginDrain();
        for (Connection c : connections.values()) {
            ClientChannel channel = c.channel();
            if (channel != null) {
                channel.close(CloseReason.SHUTDOWN);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return inFlight.awaitIdle(deadline, connections::isEmpty);
    }

    /**
     * Registers every live local connection again, for example after Redis restarted or failed over and lost this
     * node's entries. Safe to call at any time; registering an existing connection overwrites it.
     */
    public void reregisterConnections() {
        for (Connection c : connections.values()) {
            registryCall("re-register", c.id(), () -> registry.register(record(c)));
        }
        LOG.info("Re-registered {} live connection(s) with the cluster registry", connections.size());
    }

    /** Fires {@code $disconnect} (1006, node lost) once for each connection of a dead node this node claimed. */
    void reapDeadNodes() {
        if (membership == null || draining) {
            return;
        }
        membership.reapDeadNodes().whenComplete((records, error) -> {
            if (error != null) {
                LOG.warn("Could not check for lost nodes: {}", error.toString());
                return;
            }
            for (ConnectionRecord r : records) {
                Connection lost = new Connection(r.connectionId(), r.stage(), r.connectedAt(), r.sourceIp(),
                        r.userAgent().isEmpty() ? null : r.userAgent(), settings.host() + ":" + settings.port(),
                        Map.of());
                lost.markDisconnected();
                CloseReason reason = new CloseReason(1006, "Node lost: " + r.nodeId(), DisconnectCause.NODE_LOST);
                observer.disconnected(r.stage(), reason.code(), reason.cause());
                observer.connectionEnded(r.stage(), System.currentTimeMillis() - r.connectedAt());
                inFlight.enter();
                lost.submit(() -> {
                    try {
                        runDisconnect(lost, reason);
                    } finally {
                        inFlight.exit();
                    }
                }, executor);
            }
            if (!records.isEmpty()) {
                LOG.warn("Reaped {} connection(s) of lost node(s)", records.size());
            }
        });
    }

    /** Returns false while this node is in a cluster whose shared store it cannot reach; always true alone. */
    public boolean clusterReachable() {
        return membership == null || membership.reachable();
    }

    /**
     * Marks the node as draining without waiting: from now on readiness is down and new connections are refused.
     * {@link #drain} begins with it; a caller that runs {@code drain} on another thread calls this first, so that the
     * node is unready as soon as the caller answers.
     */
    public void beginDrain() {
        draining = true;
    }

    /** Returns true once {@link #drain} (or {@link #beginDrain}) has begun. */
    public boolean isDraining() {
        return draining;
    }

    /** Releases functions, the registry and the bus. Call after {@link #drain}. */
    @Override
    public void close() {
        draining = true;
        reaper.shutdownNow();
        if (membership != null) {
            membership.close();
        }
        deployer.close();
        securityAuthorizers.close();
        FunctionHttpClient http = ownHttp;
        if (http != null) {
            http.close();
        }
        executor.shutdownNow();
        registry.close();
        bus.close();
    }

    /**
     * Returns the stack trace worth logging for a failed integration: the root cause when something was thrown
     * underneath (a function's exception, an I/O error), none when the message says it all (a backend's HTTP status,
     * an integration type that does not run), so that expected failures log one line each.
     */
    private static @Nullable Throwable trace(IntegrationException e) {
        return e.getCause() == null ? null : rootCause(e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Returns the builder's request listeners plus the access logger; {@link RequestListener#NOOP} when none. */
    private static RequestListener requestListener(Builder b) {
        List<RequestListener> all = new ArrayList<>(b.requestListeners);
        if (b.accessLogSink != null) {
            AccessLogger.of(b.api, b.accessLogSink).ifPresent(all::add);
        } else {
            b.api.stages().stream().filter(s -> s.accessLogSettings().isPresent()).forEach(s -> LOG.info(
                    "Stage {} has AccessLogSettings, but this node has no access-log sink: no access log", s.name()));
        }
        return switch (all.size()) {
            case 0 -> RequestListener.NOOP;
            case 1 -> all.get(0);
            default -> entry -> {
                for (RequestListener listener : all) {
                    try {
                        listener.requestCompleted(entry);
                    } catch (RuntimeException e) {
                        LOG.warn("A request listener failed: {}", e.toString());
                    }
                }
            };
        };
    }

    private static Map<String, Map<String, String>> stageVariables(ApiDefinition api) {
        Map<String, Map<String, String>> out = new java.util.HashMap<>();
        api.stages().forEach(s -> out.put(s.name(), s.variables()));
        return Map.copyOf(out);
    }

    /** Serves operations the bus brings to this node. */
    private final class LocalReceiver implements MessageBus.Receiver {
        @Override
        public Delivery send(String connectionId, byte[] data) {
            return management.deliverLocal(connectionId, data);
        }

        @Override
        public List<Delivery> sendMany(List<String> connectionIds, byte[] data) {
            return management.deliverLocalMany(connectionIds, data);
        }

        @Override
        public Delivery disconnect(String connectionId) {
            return management.closeLocal(connectionId);
        }
    }

    /** Builds a {@link Gateway}. Not thread-safe. */
    public static final class Builder {
        private final ApiDefinition api;
        private GatewaySettings settings = GatewaySettings.defaults();
        private final List<FunctionRuntime> runtimes = new ArrayList<>();
        private ConnectionRegistry registry = new InMemoryConnectionRegistry();
        private MessageBus bus = new SingleNodeMessageBus();
        private @Nullable NodeMembership membership;
        private Duration reapInterval = Duration.ofSeconds(5);
        private final List<GatewayObserver> observers = new ArrayList<>();
        private final List<StatusPage> statusPages = new ArrayList<>();
        private final List<RequestListener> requestListeners = new ArrayList<>();
        private @Nullable AccessLogSink accessLogSink;

        private Builder(ApiDefinition api) {
            this.api = notNull(api, "api");
        }

        /** Sets the node's settings (default {@link GatewaySettings#defaults()}). */
        public Builder settings(GatewaySettings value) {
            this.settings = notNull(value, "settings");
            return this;
        }

        /** Adds a runtime for the template's functions (for example the in-process Java runtime). */
        public Builder functionRuntime(FunctionRuntime value) {
            runtimes.add(notNull(value, "runtime"));
            return this;
        }

        /** Sets the connection registry (default: in memory). */
        public Builder registry(ConnectionRegistry value) {
            this.registry = notNull(value, "registry");
            return this;
        }

        /**
         * Sets the cluster membership; the node then checks every {@code interval} for dead nodes and fires the
         * {@code $disconnect} of the connections it claims (default: none, a single node).
         */
        public Builder membership(NodeMembership value, Duration interval) {
            this.membership = notNull(value, "membership");
            this.reapInterval = notNull(interval, "interval");
            return this;
        }

        /** Adds an observer of the node's events (metrics, alarms); several are called in the order added. */
        public Builder observer(GatewayObserver value) {
            observers.add(notNull(value, "observer"));
            return this;
        }

        /** Adds a listener that hears every request once it has ended; several are called in the order added. */
        public Builder requestListener(RequestListener value) {
            requestListeners.add(notNull(value, "requestListener"));
            return this;
        }

        /**
         * Sets where the access logs of stages with {@code AccessLogSettings} go (default: none, and stages'
         * settings are reported once at start as not applied). Lines are formatted on the request's thread and
         * handed to the sink, which must queue them.
         */
        public Builder accessLogSink(AccessLogSink value) {
            this.accessLogSink = notNull(value, "accessLogSink");
            return this;
        }

        /** Adds an operations page for the transport to serve (metrics, alarms). */
        public Builder statusPage(StatusPage value) {
            statusPages.add(notNull(value, "statusPage"));
            return this;
        }

        /** Sets the message bus (default: single node). */
        public Builder bus(MessageBus value) {
            this.bus = notNull(value, "bus");
            return this;
        }

        /**
         * Returns the node; call {@link Gateway#start} once the transport is bound.
         *
         * @throws IllegalArgumentException when the node would listen on a non-loopback address with an
         *     unauthenticated management API (no access keys and no explicit {@code insecureManagement})
         */
        public Gateway build() {
            SecuritySettings security = settings.security();
            if (!isLoopback(settings.host()) && security.accessKeys().isEmpty() && !security.insecureManagement()) {
                throw new IllegalArgumentException("--host: " + settings.host() + " (expected: a loopback address"
                        + " unless management access keys are configured with --access-key, or"
                        + " --insecure-management accepts unsigned @connections calls from anywhere)");
            }
            if (security.insecureManagement()) {
                LOG.warn("INSECURE: @connections accepts unsigned calls from any address (--insecure-management)");
            }
            if (!security.accessKeys().isEmpty()
                    && settings.functionCredentials().equals(GatewaySettings.FunctionCredentials.PLACEHOLDER)) {
                settings = withFunctionKey(settings);
            }
            return new Gateway(this);
        }

        /**
         * Gives in-process functions a key of their own when management calls must be signed and nobody chose their
         * credentials: a random access key, allowed on every stage and operation and known only to this process,
         * so that their {@code @connections} calls pass as an execution role's do on AWS.
         */
        private static GatewaySettings withFunctionKey(GatewaySettings settings) {
            java.security.SecureRandom random = new java.security.SecureRandom();
            StringBuilder id = new StringBuilder("AKIASWFN");
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            for (int i = 0; i < 12; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] secret = new byte[30];
            random.nextBytes(secret);
            AccessKey key = AccessKey.of(id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            List<AccessKey> keys = new ArrayList<>(settings.security().accessKeys());
            keys.add(key);
            LOG.info("Functions sign their @connections calls with {}, a key generated for this run (set"
                    + " --function-access-key-id to choose one)", key.accessKeyId());
            return settings.withSecurity(settings.security().withAccessKeys(keys))
                    .withFunctionCredentials(new GatewaySettings.FunctionCredentials(key.accessKeyId(),
                            key.secretAccessKey(), ""));
        }

        private static boolean isLoopback(String host) {
            try {
                return java.net.InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
    }
}
