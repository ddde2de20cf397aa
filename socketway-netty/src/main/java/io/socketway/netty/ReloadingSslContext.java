package io.socketway.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link SslContext} that new connections use, and swaps in a new one when the certificate or key files
 * change: every {@link TlsSettings#reloadInterval()} it compares each file's modification time, size and identity with
 * what it last saw, and reloads on any difference. Open connections keep the context they started with. A new
 * certificate that cannot be used is logged and ignored until the files change again; the old one stays in service.
 *
 * <p>Threading: {@link #newHandler} may be called from any thread (event loops read a volatile field). Checks run on
 * one daemon thread of this object (or a test's thread), serialized by its lock; they do file I/O and never run on an
 * event loop.
 */
final class ReloadingSslContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingSslContext.class);

    /** What a {@link #check} did. */
    enum Outcome { UNCHANGED, RELOADED, FAILED }

    private final TlsSettings settings;
    private final SslProvider provider;
    private final @Nullable ScheduledExecutorService poller;
    private volatile Loaded current;
    private List<FileStamp> seen;

    private ReloadingSslContext(TlsSettings settings, SslProvider provider, List<FileStamp> seen, Loaded current) {
        this.settings = settings;
        this.provider = provider;
        this.seen = seen;
        this.current = current;
        this.poller = settings.reloadInterval().isZero() ? null : Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("socketway-tls-reload").unstarted(r));
    }

    /**
     * Loads the first context, logs the provider and certificate, and starts checking the files.
     *
     * @throws IllegalArgumentException when the key material or provider cannot be used
     */
    static ReloadingSslContext start(TlsSettings settings) {
        SslProvider provider = TlsContexts.provider(settings.provider());
        List<FileStamp> stamps = FileStamp.of(settings.keyMaterial().files());
        Loaded first = Loaded.load(settings, provider);
        LOG.info("TLS via {}, protocols {}, ALPN http/1.1; certificate {} from {}; {}", TlsContexts.describe(provider),
                settings.minVersion().enabledProtocols(), first.credentials().describe(),
                settings.keyMaterial().files(), settings.reloadInterval().isZero() ? "reloading off"
                        : "files checked for changes every " + settings.reloadInterval().toMillis() + " ms");
        ReloadingSslContext context = new ReloadingSslContext(settings, provider, stamps, first);
        if (context.poller != null) {
            long every = settings.reloadInterval().toMillis();
            context.poller.scheduleWithFixedDelay(context::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        return context;
    }

    /** Returns a TLS handler for a new connection, built from the current context. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        return current.context().newHandler(alloc);
    }

    /** Returns the server certificate new connections get. */
    ServerCredentials credentials() {
        return current.credentials();
    }

    /** Reloads when a file changed since the last check; blocking file I/O. */
    synchronized Outcome check() {
        List<FileStamp> now = FileStamp.of(settings.keyMaterial().files());
        if (now.equals(seen)) {
            return Outcome.UNCHANGED;
        }
        seen = now;
        Loaded previous = current;
        try {
            current = Loaded.load(settings, provider);
        } catch (RuntimeException e) {
            LOG.error("Could not reload the TLS certificate from {}: {}. Still serving {} until the files change again",
                    settings.keyMaterial().files(), e.getMessage(), previous.credentials().describe());
            return Outcome.FAILED;
        }
        LOG.info("Reloaded the TLS certificate: now {} (was {}); new connections get it, open ones keep theirs",
                current.credentials().describe(), previous.credentials().describe());
        return Outcome.RELOADED;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.error("TLS certificate check failed", e);
        }
    }

    /** Stops checking the files; the current context stays usable. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private record Loaded(SslContext context, ServerCredentials credentials) {
        static Loaded load(TlsSettings settings, SslProvider provider) {
            ServerCredentials credentials = ServerCredentials.load(settings.keyMaterial());
            Instant notAfter = credentials.certificate().getNotAfter().toInstant();
            if (notAfter.isBefore(Instant.now())) {
                LOG.warn("The TLS certificate {} has expired; clients will refuse it", credentials.describe());
            }
            return new Loaded(TlsContexts.build(credentials, settings, provider), credentials);
        }
    }

    /** What a check compares: a missing file has no time, size -1 and no key. */
    private record FileStamp(Path path, @Nullable FileTime modified, long size, @Nullable Object fileKey) {
        static List<FileStamp> of(List<Path> files) {
            return files.stream().map(FileStamp::of).toList();
        }

        static FileStamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileStamp(file, a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (IOException e) {
                return new FileStamp(file, null, -1, null);
            }
        }
    }
}
