package io.socketway.netty;

import static io.socketway.api.Checks.notNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.socketway.core.FunctionHttpSettings;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.LocalEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Gateway} on one port over Netty: WebSocket clients at {@code /{stage}}, the {@code @connections}
 * API, health endpoints, the gateway's operations pages (metrics, alarms) and the web console
 * ({@code /_socketway/console}).
 *
 * <p>{@link #start} binds, deploys the gateway's functions and returns once the server accepts connections and the
 * functions are deployed. {@link #listen} returns as soon as the port accepts connections, with the functions still
 * deploying in the background ({@link #awaitFunctions}); either way the port is bound first, so functions deploy
 * (on virtual threads) while the transport itself starts, handshakes that arrive meanwhile wait for their
 * {@code $connect} function, and readiness ({@code /_socketway/ready}) stays false until every function is deployed.
 * {@link #close} stops accepting, drains (every client gets 1001 and its {@code $disconnect}, in-flight invocations
 * finish up to the drain timeout) and releases the event loops. Thread-safe.
 *
 * <p>With {@link TlsSettings} the same port speaks only TLS ({@code wss://}, {@code https://}); plain-text requests get
 * HTTP 400. New connections pick up a replaced certificate without a restart.
 *
 * <p>Functions reached over HTTP are called on pooled kept-alive connections on the server's own event loops
 * ({@link FunctionHttpSettings.Client#NETTY}, the default), or with the JDK's {@code HttpClient}
 * ({@link FunctionHttpSettings.Client#JDK}).
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final int BACKLOG = 4096;

    private final Gateway gateway;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final @Nullable Channel metricsChannel;
    private final ServerState state;
    private final @Nullable ReloadingSslContext tls;
    private final @Nullable NettyFunctionHttpClient functionHttp;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CompletableFuture<Void> functions;
    private volatile boolean closing;

    private GatewayServer(Gateway gateway, EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel,
            @Nullable Channel metricsChannel, ServerState state, @Nullable ReloadingSslContext tls,
            @Nullable NettyFunctionHttpClient functionHttp, CompletableFuture<Void> functions) {
        this.gateway = gateway;
        this.functionHttp = functionHttp;
        this.functions = functions;
        this.metricsChannel = metricsChannel;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
        this.state = state;
        this.tls = tls;
    }

    /**
     * Binds the gateway's host and port, deploys its functions and starts serving.
     *
     * @throws io.socketway.api.spi.FunctionException when a function cannot be deployed (nothing stays bound)
     */
    public static GatewayServer start(Gateway gateway) {
        return listen(gateway).awaitFunctions();
    }

    /**
     * Binds the gateway's host and port with TLS only, deploys its functions and starts serving.
     *
     * @throws IllegalArgumentException when the certificate or key cannot be used (nothing is bound)
     * @throws io.socketway.api.spi.FunctionException when a function cannot be deployed (nothing stays bound)
     */
    public static GatewayServer start(Gateway gateway, TlsSettings tls) {
        return listen(gateway, tls).awaitFunctions();
    }

    /**
     * Binds the gateway's host and port and returns once it accepts connections; the functions deploy in the
     * background (see {@link #awaitFunctions}).
     *
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static GatewayServer listen(Gateway gateway) {
        notNull(gateway, "gateway");
        return listen(gateway, (ReloadingSslContext) null);
    }

    /**
     * Binds the gateway's host and port with TLS only and returns once it accepts connections; the functions deploy
     * in the background (see {@link #awaitFunctions}).
     *
     * @throws IllegalArgumentException when the certificate or key cannot be used (nothing is bound)
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public static GatewayServer listen(Gateway gateway, TlsSettings tls) {
        notNull(gateway, "gateway");
        notNull(tls, "tls");
        return listen(gateway, ReloadingSslContext.start(tls));
    }

    /**
     * Waits until the gateway's functions are deployed and returns this server; when one cannot be deployed, closes
     * the server (nothing stays bound; waiting handshakes get 502) and throws the deploy failure.
     *
     * @throws io.socketway.api.spi.FunctionException when a function cannot be deployed
     */
    public GatewayServer awaitFunctions() {
        try {
            functions.join();
            return this;
        } catch (java.util.concurrent.CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** Returns a stage that completes when the functions are deployed, or exceptionally with the deploy failure. */
    public java.util.concurrent.CompletionStage<Void> functions() {
        return functions.copy();
    }

    private static GatewayServer listen(Gateway gateway, @Nullable ReloadingSslContext tls) {
        GatewaySettings settings = gateway.settings();
        ServerSocketChannel socket;
        try {
            socket = bind(settings.host(), settings.port());
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
        int port = ((InetSocketAddress) socket.socket().getLocalSocketAddress()).getPort();
        LocalEndpoint endpoint = new LocalEndpoint(settings.host(), port, tls != null);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        // Functions over HTTP share the workers' event loops (pooled keep-alive connections), unless the JDK client
        // is chosen, which the gateway then owns.
        NettyFunctionHttpClient functionHttp = settings.functionHttp().client() == FunctionHttpSettings.Client.NETTY
                ? NettyFunctionHttpClient.create(workers, settings.functionHttp())
                : null;
        // The port is known: deploy the functions now, while Netty starts (clients wait in the accept backlog).
        CompletableFuture<Void> functions = functionHttp != null
                ? gateway.startAsync(endpoint, functionHttp)
                : gateway.startAsync(endpoint);
        ClientAddresses addresses = new ClientAddresses(settings.security().clientAddresses());
        ServerState state = new ServerState(settings.limits(), endpoint, addresses);
        functions.thenRun(() -> state.ready(true));
        ManagementAccess access = new ManagementAccess(settings.security(), gateway.api().region(), addresses,
                settings.host());
        ManagementEndpoint management = new ManagementEndpoint(gateway.management(), access);
        StatusPageEndpoint statusPages = new StatusPageEndpoint(gateway.statusPages(), access);
        ConsoleEndpoint console = new ConsoleEndpoint(gateway, access);
        int maxBody = settings.limits().maxMessageBytes() + 1;
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channelFactory(() -> new NioServerSocketChannel(socket))
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (addresses.proxyProtocol()) {
                                ch.pipeline().addLast("proxy-protocol", new HAProxyMessageDecoder())
                                        .addLast("proxy-source", new ProxyProtocolHandler(addresses));
                            }
                            if (tls != null) {
                                ch.pipeline().addLast("tls", new TlsGuard(tls));
                            }
                            ch.pipeline()
                                    .addLast("http-codec", new HttpServerCodec(
                                            Math.max(8192, settings.limits().maxUrlLength() * 2), 16 * 1024, 16 * 1024))
                                    .addLast("http-keepalive", new HttpServerKeepAliveHandler())
                                    .addLast("http-timeout", new HttpPhaseTimeout(settings.limits().handshakeTimeout()))
                                    .addLast("http-aggregator", new BoundedHttpAggregator(maxBody,
                                            FanOutEndpoint.maxBodyBytes(settings.limits().maxMessageBytes())));
                            if (settings.limits().permessageDeflate()) {
                                ch.pipeline().addLast("ws-extensions", Compression.handler(settings.limits(), ch));
                            }
                            ch.pipeline().addLast("http-router",
                                    new HttpRouter(gateway, management, state, statusPages, console));
                        }
                    })
                    .register()
                    .syncUninterruptibly()
                    .channel();
            Channel metricsChannel = settings.metrics().enabled() && settings.metrics().listener().isPresent()
                    ? bindMetrics(gateway, state, boss, workers, settings.metrics().listener().get())
                    : null;
            return new GatewayServer(gateway, boss, workers, channel, metricsChannel, state, tls, functionHttp,
                    functions);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            if (tls != null) {
                tls.close();
            }
            if (functionHttp != null) {
                functionHttp.close();
            }
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Binds the listening socket with the JDK, before Netty has started, so the port is known (and queues) early. */
    private static ServerSocketChannel bind(String host, int port) {
        ServerSocketChannel socket = null;
        try {
            socket = ServerSocketChannel.open();
            socket.bind(new InetSocketAddress(host, port), BACKLOG);
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(@Nullable ServerSocketChannel socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing a socket that failed to bind or register
        }
    }

    /** Binds the metrics listener: the metrics page only, unauthenticated, with health and readiness. */
    private static Channel bindMetrics(Gateway gateway, ServerState state, EventLoopGroup boss, EventLoopGroup workers,
            InetSocketAddress address) {
        String metricsPath = gateway.settings().metrics().path();
        StatusPageEndpoint open = new StatusPageEndpoint(gateway.statusPages().stream()
                .filter(p -> p.path().equals(metricsPath)).toList(), null);
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http-codec", new HttpServerCodec())
                                .addLast("http-keepalive", new HttpServerKeepAliveHandler())
                                .addLast("http-aggregator", new BoundedHttpAggregator(8192))
                                .addLast("metrics", new MetricsListener(gateway, state, open));
                    }
                })
                .bind(address.getHostString(), address.getPort())
                .syncUninterruptibly()
                .channel();
    }

    /** Returns the port of the metrics listener, or -1 when there is none. */
    public int metricsPort() {
        return metricsChannel == null ? -1 : ((InetSocketAddress) metricsChannel.localAddress()).getPort();
    }

    /** Returns the bound port (useful with port 0). */
    public int port() {
        return state.endpoint().port();
    }

    /** Returns where clients reach this server. */
    public LocalEndpoint endpoint() {
        return state.endpoint();
    }

    /** Returns the gateway this server serves. */
    public Gateway gateway() {
        return gateway;
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitTermination() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops accepting connections, drains the gateway (clients get 1001 and their {@code $disconnect}) up to its drain
     * timeout, and releases everything. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            serverChannel.close().syncUninterruptibly();
            if (metricsChannel != null) {
                metricsChannel.close().syncUninterruptibly();
            }
            if (tls != null) {
                tls.close();
            }
            if (!gateway.drain(gateway.settings().drainTimeout())) {
                LOG.warn("Drain timed out after {}; closing the remaining work", gateway.settings().drainTimeout());
            }
            if (functionHttp != null) {
                functionHttp.close();
            }
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            gateway.close();
        } finally {
            closed.countDown();
        }
    }
}
