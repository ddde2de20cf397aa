package io.socketway.cli;

import io.socketway.api.ApiDefinition;
import io.socketway.api.spi.FunctionException;
import io.socketway.core.BinaryEnvelope;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.DeflateSettings;
import io.socketway.core.Limits;
import io.socketway.functions.JavaFunctionRuntime;
import io.socketway.metrics.SocketwayMetrics;
import io.socketway.metrics.SocketwayUsage;
import io.socketway.metrics.UsageSettings;
import io.socketway.registry.redis.RedisEngine;
import io.socketway.registry.redis.RedisSettings;
import io.socketway.netty.GatewayServer;
import io.socketway.template.TemplateException;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code socketway run TEMPLATE}: serves the template's WebSocket API until SIGTERM or Ctrl-C. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves the WebSocket API defined in a SAM/CloudFormation template (YAML or JSON).",
            "Clients connect to ws://HOST:PORT/{stage}; backends call http://HOST:PORT/{stage}/@connections/{id}.",
            "SIGTERM or Ctrl-C drains: every client gets close 1001 and its $disconnect, then the process exits 0."
        })
final class RunCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

    @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The SAM/CloudFormation template (YAML or JSON).")
    Path template;

    @Option(names = SettingsFile.OPTION, paramLabel = "FILE",
            description = "A YAML file of settings: the long options below without their dashes (port: 8443,"
                    + " cluster: [redis://a:6379], template: app.yaml); the command line wins where both set one."
                    + " Also " + SettingsFile.ENVIRONMENT + ".")
    Path settings;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port to bind; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--parameter-overrides", arity = "1..*", paramLabel = "Key=Value",
            description = "Template parameter values, as for `sam deploy` (repeatable).")
    List<String> parameterOverrides = List.of();

    @Option(names = "--region", defaultValue = "us-east-1",
            description = "AWS::Region while resolving the template, and AWS_REGION for functions (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--account-id", defaultValue = "123456789012",
            description = "AWS::AccountId while resolving the template (default: ${DEFAULT-VALUE}).")
    String accountId;

    @Option(names = "--stack-name", description = "AWS::StackName (default: the template's folder name).")
    Optional<String> stackName = Optional.empty();

    @Option(names = "--api", paramLabel = "LOGICAL_ID",
            description = "Which AWS::ApiGatewayV2::Api to serve when the template has several.")
    Optional<String> api = Optional.empty();

    @Option(names = "--lambda-endpoint", paramLabel = "URL",
            description = "A Lambda Invoke API that runs the template's functions in other languages than Java, such"
                    + " as `sam local start-lambda` at http://127.0.0.1:3001: each is called at"
                    + " URL/2015-03-31/functions/LOGICAL_ID/invocations. Java functions still run in-process.")
    Optional<String> lambdaEndpoint = Optional.empty();

    @Option(names = "--function-url", paramLabel = "LOGICAL_ID=URL",
            description = "Call this function over HTTP at URL (the event is POSTed, the answer is its result)"
                    + " instead of running it, whatever its language (repeatable).")
    List<String> functionUrls = List.of();

    @Option(names = "--idle-timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "Close connections idle this long with 1001 (default: ${DEFAULT-VALUE}, as AWS).")
    Duration idleTimeout;

    @Option(names = "--max-duration", defaultValue = "2h", converter = DurationConverter.class,
            description = "Close connections older than this with 1001 (default: ${DEFAULT-VALUE}, as AWS).")
    Duration maxDuration;

    @Option(names = "--max-message-bytes", defaultValue = "131072",
            description = "Largest message in either direction; inbound above it closes with 1009, @connections POST gets 413 (default: ${DEFAULT-VALUE}, as AWS).")
    int maxMessageBytes;

    @Option(names = "--max-frame-bytes", defaultValue = "32768",
            description = "Largest inbound frame; above it closes with 1009 (default: ${DEFAULT-VALUE}, as AWS).")
    int maxFrameBytes;

    @Option(names = "--max-url-length", defaultValue = "4096",
            description = "Longest handshake URL; longer gets HTTP 414 (default: ${DEFAULT-VALUE}, as AWS).")
    int maxUrlLength;

    @Option(names = "--binary-messages", defaultValue = "false",
            description = "Pass binary frames to $default base64-encoded instead of closing with 1003 (default: ${DEFAULT-VALUE}, as AWS).")
    boolean binaryMessages;

    @Option(names = "--binary-envelope", defaultValue = "none", paramLabel = "FORMAT",
            converter = BinaryEnvelopeConverter.class,
            description = "How binary messages are read for route selection: none (all go to $default) or protobuf"
                    + " (a socketway.v1.Envelope, docs/envelope.proto, whose action and metadata the route selection"
                    + " expression reads); protobuf turns --binary-messages on. A Socketway extension (default:"
                    + " ${DEFAULT-VALUE}).")
    BinaryEnvelope binaryEnvelope;

    @Option(names = "--outbound-buffer-bytes", defaultValue = "1048576",
            description = "Bytes queued per client before @connections POST gets 429 (default: ${DEFAULT-VALUE}).")
    int outboundBufferBytes;

    @Option(names = "--handshake-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Drop connections that take longer to deliver a complete HTTP request (slow handshakes,"
                    + " idle keep-alive management connections) (default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--permessage-deflate", defaultValue = "false",
            description = "Negotiate permessage-deflate compression when clients offer it (off by default, as on"
                    + " AWS); a frame inflating beyond --max-message-bytes closes with 1009 (default: ${DEFAULT-VALUE}).")
    boolean permessageDeflate;

    @Option(names = "--deflate-threshold-bytes", defaultValue = "0",
            description = "With --permessage-deflate, send messages smaller than this uncompressed"
                    + " (default: ${DEFAULT-VALUE}, compress every message).")
    int deflateThresholdBytes;

    @Option(names = "--deflate-no-context-takeover", defaultValue = "false",
            description = "With --permessage-deflate, always answer server_no_context_takeover, so a fan-out"
                    + " message is compressed once for all compressing clients (default: ${DEFAULT-VALUE}: only"
                    + " when the client asks).")
    boolean deflateNoContextTakeover;

    @Option(names = "--drain-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "On shutdown, how long to wait for in-flight invocations and $disconnect calls (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--function-access-key-id", defaultValue = "${env:SOCKETWAY_FUNCTION_ACCESS_KEY_ID:-ASIASOCKETWAYLOCAL00}",
            description = "AWS_ACCESS_KEY_ID functions see (default: a local placeholder).")
    String functionAccessKeyId;

    @Option(names = "--function-secret-access-key", defaultValue = "${env:SOCKETWAY_FUNCTION_SECRET_ACCESS_KEY:-socketway-local-secret}",
            description = "AWS_SECRET_ACCESS_KEY functions see (default: a local placeholder).")
    String functionSecretAccessKey;

    @Option(names = "--function-session-token", defaultValue = "${env:SOCKETWAY_FUNCTION_SESSION_TOKEN:-socketway-local-session}",
            description = "AWS_SESSION_TOKEN functions see; empty for none (default: a local placeholder).")
    String functionSessionToken;

    @CommandLine.Mixin
    BatchingOptions batching = new BatchingOptions();

    @CommandLine.Mixin
    ProtectionOptions protection = new ProtectionOptions();

    @CommandLine.Mixin
    SecurityOptions security = new SecurityOptions();

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    @CommandLine.Mixin
    UsageOptions usage = new UsageOptions();

    @CommandLine.Mixin
    FunctionHttpOptions functionHttp = new FunctionHttpOptions();

    @CommandLine.Mixin
    AccessLogOptions accessLog = new AccessLogOptions();

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:SOCKETWAY_LOG_FORMAT:-text}",
            description = "Application log lines on standard error: text, or one JSON object per line with the"
                    + " request id in mdc.requestId; also SOCKETWAY_LOG_FORMAT (default: ${DEFAULT-VALUE}).")
    String logFormat;

    private @Nullable RedisEngine engine;
    private @Nullable SocketwayMetrics operations;
    private @Nullable SocketwayUsage metering;
    private @Nullable AccessLogWriter accessLogWriter;

    // ---- TLS (wss:// and https://): options and their checks live in TlsOptions ----
    @CommandLine.ArgGroup(exclusive = false, heading = "%nTLS (wss:// and https:// on the same port):%n")
    @Nullable TlsOptions tls;
    // ---- end TLS ----

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = spec.commandLine().getOut() == null ? System.out : new PrintStream(System.out, true);
        PrintStream err = System.err;
        StartupTimer timer = new StartupTimer();
        try {
            LogConfigurator.use(LogConfigurator.parse(logFormat));
            ApiDefinition definition = TemplateLoader.load(template, templateOptions());
            timer.phase("template");
            Gateway gateway = gateway(definition);
            if (engine != null) {
                engine.membership().onHeartbeatLapse(gateway::reregisterConnections);
            }
            timer.phase("gateway");
            // Listens first and deploys the functions meanwhile; handshakes wait for their $connect function.
            GatewayServer server = TlsOptions.listen(gateway, tls);
            timer.phase("listen");
            server.awaitFunctions(); // a function that cannot deploy closes the server and fails the command
            timer.phase("waiting for " + gateway.functions().size() + " function(s)");
            LOG.debug("{}", timer.summary());
            Banner.print(out, server, definition, engine != null);
            Shutdown.onSignals(server);
            server.awaitTermination();
            if (metering != null) {
                metering.close();
            }
            if (engine != null) {
                engine.close();
            }
            if (operations != null) {
                operations.close();
            }
            if (accessLogWriter != null) {
                accessLogWriter.close();
            }
            return 0;
        } catch (TemplateException | IllegalArgumentException e) {
            err.println("socketway: " + e.getMessage());
            return 2;
        } catch (FunctionException e) {
            err.println("socketway: could not start a function: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println("socketway: " + describe(e));
            return 1;
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof java.io.UncheckedIOException || e.getCause() instanceof java.net.BindException
                || e instanceof io.netty.channel.ChannelException) {
            return "could not listen: " + e.getMessage();
        }
        return e.toString();
    }

    TemplateOptions templateOptions() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : parameterOverrides) {
            for (String item : pair.trim().split("\\s+")) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--parameter-overrides: " + item + " (expected: Key=Value)");
                }
                overrides.put(item.substring(0, eq), item.substring(eq + 1));
            }
        }
        Map<String, String> urls = new LinkedHashMap<>();
        for (String pair : functionUrls) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !pair.substring(eq + 1).matches("https?://\\S+")) {
                throw new IllegalArgumentException("--function-url: " + pair + " (expected: LOGICAL_ID=URL, such as"
                        + " OnConnectFunction=http://127.0.0.1:9000/connect)");
            }
            urls.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        TemplateOptions options = new TemplateOptions(overrides, region, accountId, stackName, api)
                .withFunctionUrls(urls).withCodeRequired(true);
        if (lambdaEndpoint.isPresent()) {
            if (!lambdaEndpoint.get().matches("https?://\\S+")) {
                throw new IllegalArgumentException("--lambda-endpoint: " + lambdaEndpoint.get() + " (expected: an"
                        + " http:// or https:// URL such as http://127.0.0.1:3001)");
            }
            options = options.withLambdaEndpoint(lambdaEndpoint.get());
        }
        return options;
    }

    /** Returns the per-connection limits the options give. */
    Limits limits() {
        return new Limits(maxMessageBytes, maxFrameBytes, idleTimeout, maxDuration, maxUrlLength,
                binaryMessages, outboundBufferBytes, Limits.DEFAULT.inboundQueueBytes(), handshakeTimeout,
                permessageDeflate, new DeflateSettings(deflateThresholdBytes, !deflateNoContextTakeover))
                .withBinaryEnvelope(binaryEnvelope);
    }

    private Gateway gateway(ApiDefinition definition) {
        Limits limits = limits();
        GatewaySettings settings = GatewaySettings.defaults()
                .withHost(host)
                .withPort(port)
                .withLimits(limits)
                .withDrainTimeout(drainTimeout)
                .withAllowedOrigins(protection.origins())
                .withRateLimits(protection.rateLimits())
                .withSecurity(security.settings())
                .withMetrics(metrics.settings())
                .withFunctionHttp(functionHttp.settings())
                .withBatching(batching.settings())
                .withFunctionCredentials(new GatewaySettings.FunctionCredentials(
                        functionAccessKeyId, functionSecretAccessKey, functionSessionToken));
        Gateway.Builder builder = Gateway.builder(definition).settings(settings)
                .functionRuntime(new JavaFunctionRuntime());
        String nodeId = settings.nodeId();
        if (cluster.enabled()) {
            RedisSettings redis = cluster.settings(settings.nodeId());
            nodeId = redis.nodeId();
            engine = cluster.connect(redis);
            builder.settings(settings.withNodeId(redis.nodeId()))
                    .registry(engine.registry())
                    .bus(engine.bus())
                    .membership(engine.membership(), redis.heartbeatInterval());
        }
        accessLogWriter = accessLog.open(definition).orElse(null);
        if (accessLogWriter != null) {
            builder.accessLogSink(accessLogWriter);
        }
        if (settings.metrics().enabled()) {
            operations = engine != null
                    ? SocketwayMetrics.create(definition, settings.metrics(), engine.alarmStore(), nodeId)
                    : SocketwayMetrics.create(definition, settings.metrics());
            operations.bind(builder);
        }
        if (usage.enabled()) {
            UsageSettings usageSettings = usage.settings(definition, template);
            metering = engine != null
                    ? SocketwayUsage.create(definition, usageSettings, engine.usageStore(definition.apiId()))
                    : SocketwayUsage.create(definition, usageSettings);
            metering.bind(builder);
        }
        Gateway gateway = builder.build();
        if (metering != null) {
            metering.attach(gateway);
        }
        return gateway;
    }
}
