package io.socketway.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.Future;
import io.socketway.core.FunctionHttpClient;
import io.socketway.core.FunctionHttpException;
import io.socketway.core.FunctionHttpSettings;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FunctionHttpClient} on Netty: per origin (scheme, host, port) a {@link FixedChannelPool} of kept-alive
 * HTTP/1.1 connections on the event loops it is given (the gateway server's), so calling a function over HTTP needs
 * no thread of its own. A pool holds at most {@code maxConnectionsPerOrigin} connections; further requests wait,
 * at most {@code maxPendingRequests} of them, within their timeout. Connections idle for {@code idleTimeout} are
 * closed; a connection found closed is replaced. A request is sent again on another connection only when nothing of
 * it was sent, or when it is idempotent and a reused connection closed before any response. {@code https} URLs use
 * TLS with the JDK's trust store and host name verification; names are resolved without blocking.
 *
 * <p>Threading: thread-safe; {@link #send} never blocks, and all I/O and timers run on the group's event loops.
 */
final class NettyFunctionHttpClient implements FunctionHttpClient {
    private static final int MAX_ATTEMPTS = 3;
    private final FunctionHttpSettings settings;
    private final EventLoopGroup group;
    private final Supplier<SslContext> tls;
    private final DnsAddressResolverGroup resolver;
    private final Bootstrap bootstrap;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AbstractChannelPoolMap<FunctionHttpOrigin, FixedChannelPool> pools =
            new AbstractChannelPoolMap<>() {
                @Override
                protected FixedChannelPool newPool(FunctionHttpOrigin origin) {
                    return pool(origin);
                }
            };

    /**
     * Creates a client whose connections live on {@code group}, trusting the JDK's trust store for https (the TLS
     * context is built when the first https origin is used, keeping start-up fast).
     */
    static NettyFunctionHttpClient create(EventLoopGroup group, FunctionHttpSettings settings) {
        return new NettyFunctionHttpClient(group, settings, NettyFunctionHttpClient::defaultTls);
    }

    NettyFunctionHttpClient(EventLoopGroup group, FunctionHttpSettings settings, SslContext tls) {
        this(group, settings, () -> tls);
    }

    private NettyFunctionHttpClient(EventLoopGroup group, FunctionHttpSettings settings, Supplier<SslContext> tls) {
        this.settings = settings;
        this.group = group;
        this.tls = memoize(tls);
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
    }

    @Override
    public CompletionStage<Response> send(Request request) {
        FunctionHttpOrigin origin = FunctionHttpOrigin.of(request.uri());
        Call call = new Call(request, origin, pools.get(origin));
        var timer = group.next().schedule(() -> call.fail(FunctionHttpException.Kind.TIMEOUT,
                "timed out after " + request.timeout().toMillis() + " ms", null),
                request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        call.result.whenComplete((r, e) -> timer.cancel(false));
        acquire(call);
        return call.result;
    }

    /** Returns the number of open connections, to every origin. */
    int openConnections() {
        return open.size();
    }

    private void acquire(Call call) {
        call.attempts++;
        call.pool.acquire().addListener((Future<Channel> f) -> {
            if (!f.isSuccess()) {
                acquireFailed(call, f.cause());
                return;
            }
            Channel channel = f.getNow();
            if (call.result.isDone()) {
                call.pool.release(channel);
                return;
            }
            channel.pipeline().get(FunctionHttpExchangeHandler.class).begin(call);
        });
    }

    private void acquireFailed(Call call, Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            call.fail(FunctionHttpException.Kind.TIMEOUT, "timed out after "
                    + settings.connectTimeout().toMillis() + " ms connecting", cause);
        } else if (cause instanceof ConnectException) {
            call.fail(FunctionHttpException.Kind.REFUSED, "connection refused", cause);
        } else if (cause instanceof IllegalStateException
                && String.valueOf(cause.getMessage()).startsWith("Too many outstanding")) {
            call.fail(FunctionHttpException.Kind.OVERLOADED, settings.maxPendingRequests()
                    + " requests already wait for a connection to " + call.origin + " (expected: fewer; raise"
                    + " --function-http-pool-size or --function-http-max-pending)", cause);
        } else {
            call.fail(FunctionHttpException.Kind.BROKEN, String.valueOf(cause), cause);
        }
    }

    private FixedChannelPool pool(FunctionHttpOrigin origin) {
        Bootstrap b = bootstrap.clone().remoteAddress(InetSocketAddress.createUnresolved(origin.host(), origin.port()));
        SslContext context = origin.tls() ? tls.get() : null;
        return new FixedChannelPool(b, new AbstractChannelPoolHandler() {
            @Override
            public void channelCreated(Channel ch) {
                open.add(ch);
                ch.closeFuture().addListener(f -> open.remove(ch));
                if (context != null) {
                    SslHandler ssl = context.newHandler(ch.alloc(), origin.host(), origin.port());
                    SSLParameters parameters = ssl.engine().getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.engine().setSSLParameters(parameters);
                    ch.pipeline().addLast("tls", ssl);
                }
                ch.pipeline()
                        .addLast("http-codec", new HttpClientCodec())
                        .addLast("http-aggregator", new HttpObjectAggregator(settings.maxResponseBytes()))
                        .addLast("http-idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(),
                                TimeUnit.MILLISECONDS))
                        .addLast("http-exchange", new FunctionHttpExchangeHandler(origin, settings.maxResponseBytes(),
                                NettyFunctionHttpClient.this::retry));
            }
        }, ChannelHealthChecker.ACTIVE, null, -1, settings.maxConnectionsPerOrigin(), settings.maxPendingRequests(),
                true, true);
    }

    /** Sends {@code call} again on another connection, or fails it with {@code failure} after too many attempts. */
    private void retry(Call call, FunctionHttpException failure) {
        if (call.attempts < MAX_ATTEMPTS && !call.result.isDone()) {
            acquire(call);
        } else {
            call.result.completeExceptionally(failure);
        }
    }

    private static SslContext defaultTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    private static Supplier<SslContext> memoize(Supplier<SslContext> supplier) {
        java.util.concurrent.atomic.AtomicReference<SslContext> built = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> built.updateAndGet(c -> c != null ? c : supplier.get());
    }

    @Override
    public void close() {
        pools.close();
        open.forEach(Channel::close);
        resolver.close();
    }

    /** One request on its way: the pool it draws from, its attempts and its result. Thread-safe. */
    static final class Call {
        final Request request;
        final FunctionHttpOrigin origin;
        final FixedChannelPool pool;
        final CompletableFuture<Response> result = new CompletableFuture<>();
        volatile int attempts;
        /** True while the call is on a connection that served an earlier call. */
        volatile boolean reused;

        Call(Request request, FunctionHttpOrigin origin, FixedChannelPool pool) {
            this.request = request;
            this.origin = origin;
            this.pool = pool;
        }

        /** Returns a failure of this request with a message starting with its URI. */
        FunctionHttpException failure(FunctionHttpException.Kind kind, String what, @Nullable Throwable cause) {
            return new FunctionHttpException(kind, request.uri() + ": " + what, cause);
        }

        void fail(FunctionHttpException.Kind kind, String what, @Nullable Throwable cause) {
            result.completeExceptionally(failure(kind, what, cause));
        }
    }
}
