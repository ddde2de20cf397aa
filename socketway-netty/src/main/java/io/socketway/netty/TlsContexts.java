package io.socketway.netty;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;

/**
 * Builds server {@link SslContext}s from {@link TlsSettings}: the chosen provider, the enabled protocols, and ALPN
 * advertising {@code http/1.1}. Stateless.
 */
final class TlsContexts {
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_1_1);

    private TlsContexts() {}

    /**
     * Returns the provider to use for {@code choice}.
     *
     * @throws IllegalArgumentException when OpenSSL is required but does not load on this platform
     */
    static SslProvider provider(TlsSettings.Provider choice) {
        return switch (choice) {
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case JDK -> SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("provider: OPENSSL (expected: netty-tcnative BoringSSL for this "
                            + "platform; " + OpenSsl.unavailabilityCause() + ")");
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    /** Returns a human-readable name for logs, such as {@code OpenSSL (BoringSSL)}. */
    static String describe(SslProvider provider) {
        return provider == SslProvider.JDK
                ? "the JDK (" + System.getProperty("java.vendor") + " " + System.getProperty("java.version") + ")"
                : "OpenSSL (" + OpenSsl.versionString() + ")";
    }

    /**
     * Returns a server context for {@code credentials}.
     *
     * @throws IllegalArgumentException when the provider rejects the key, certificate or protocols
     */
    static SslContext build(ServerCredentials credentials, TlsSettings settings, SslProvider provider) {
        try {
            return SslContextBuilder.forServer(credentials.key(), credentials.chain())
                    .sslProvider(provider)
                    .protocols(settings.minVersion().enabledProtocols())
                    .applicationProtocolConfig(ALPN)
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new IllegalArgumentException("keyMaterial: " + settings.keyMaterial() + " (expected: a key and "
                    + "certificate that " + describe(provider) + " accepts; " + e.getMessage() + ")", e);
        }
    }
}
