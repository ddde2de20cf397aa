package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TlsGuard} on an {@link EmbeddedChannel}: TLS gets an SslHandler, plain text a 400, silence a close. */
class TlsGuardTest {
    @TempDir
    Path dir;

    private ReloadingSslContext tls;
    private EmbeddedChannel channel;

    @BeforeEach
    void start() {
        tls = ReloadingSslContext.start(TestCertificates.issue(dir).settings().withReloadInterval(Duration.ZERO));
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new TlsGuard(tls));
    }

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        tls.close();
    }

    @Test
    void clientHelloInstallsTheSslHandler() throws Exception {
        channel.writeInbound(clientHello());
        assertThat(channel.pipeline().get("tls")).isInstanceOf(SslHandler.class);
        assertThat(channel.pipeline().get("tls-errors")).isSameAs(TlsErrors.INSTANCE);
        assertThat(channel.pipeline().get(TlsGuard.class)).isNull();
        ByteBuf serverHello = channel.readOutbound();
        assertThat(serverHello.getByte(0)).as("TLS handshake record").isEqualTo((byte) 22);
        serverHello.release();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void plainTextGets400AndTheConnectionCloses() {
        channel.writeInbound(Unpooled.copiedBuffer("GET /dev HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        ByteBuf response = channel.readOutbound();
        assertThat(response.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("Connection: close").endsWith("connect with wss:// or https://\"}");
        response.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void silentConnectionClosesAfterTheTimeout() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {22, 3}));
        channel.advanceTimeBy(TlsGuard.FIRST_BYTES_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
    }

    private static ByteBuf clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Unpooled.wrappedBuffer(out.flip());
    }
}
