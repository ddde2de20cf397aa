package io.socketway.cli;

import io.socketway.core.Gateway;
import io.socketway.netty.GatewayServer;
import io.socketway.netty.TlsSettings;
import io.socketway.netty.TlsVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Holds the TLS options of {@code socketway run} (an argument group: picocli leaves it {@code null} when none is
 * given) and turns them into {@link TlsSettings}. Used on the command's thread only.
 */
final class TlsOptions {
    @Option(names = "--tls-cert", paramLabel = "PEM",
            description = "Serve wss:// and https:// with this PEM certificate chain (server certificate first); "
                    + "needs --tls-key. `socketway cert` makes one for local development.")
    Optional<Path> certificate = Optional.empty();

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The PKCS#8 PEM private key of --tls-cert.")
    Optional<Path> key = Optional.empty();

    @Option(names = "--tls-key-password", paramLabel = "PASSWORD",
            defaultValue = "${env:SOCKETWAY_TLS_KEY_PASSWORD}",
            description = "Password of an encrypted --tls-key (default: $SOCKETWAY_TLS_KEY_PASSWORD, else none).")
    Optional<String> keyPassword = Optional.empty();

    @Option(names = "--tls-pkcs12", paramLabel = "FILE",
            description = "Serve wss:// and https:// with the key and certificate chain in this PKCS#12 file "
                    + "(instead of --tls-cert and --tls-key).")
    Optional<Path> pkcs12 = Optional.empty();

    @Option(names = "--tls-pkcs12-password", paramLabel = "PASSWORD",
            defaultValue = "${env:SOCKETWAY_TLS_PKCS12_PASSWORD}",
            description = "Password of --tls-pkcs12 (default: $SOCKETWAY_TLS_PKCS12_PASSWORD, else empty).")
    Optional<String> pkcs12Password = Optional.empty();

    @Option(names = "--tls-min-version", paramLabel = "VERSION", defaultValue = "1.3",
            converter = VersionConverter.class,
            description = "Lowest TLS version accepted: 1.3, or 1.2 for older clients (default: ${DEFAULT-VALUE}).")
    TlsVersion minVersion = TlsVersion.TLS_1_3;

    @Option(names = "--tls-reload-interval", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How often to check the certificate files; a changed certificate serves new connections "
                    + "without a restart; 0s turns this off (default: ${DEFAULT-VALUE}).")
    Duration reloadInterval = TlsSettings.DEFAULT_RELOAD_INTERVAL;

    /**
     * Binds the server, with TLS when {@code options} is not {@code null}; its functions deploy in the background
     * ({@link GatewayServer#awaitFunctions}).
     */
    static GatewayServer listen(Gateway gateway, @Nullable TlsOptions options) {
        return options == null ? GatewayServer.listen(gateway) : GatewayServer.listen(gateway, options.settings());
    }

    /**
     * Returns the settings these options describe.
     *
     * @throws IllegalArgumentException when the options do not fit together or a file is not readable
     */
    TlsSettings settings() {
        return base().withMinVersion(minVersion).withReloadInterval(reloadInterval);
    }

    private TlsSettings base() {
        if (pkcs12.isPresent()) {
            require(certificate.isEmpty() && key.isEmpty() && keyPassword.isEmpty(), "--tls-pkcs12: " + pkcs12.get()
                    + " (expected: either --tls-pkcs12, or --tls-cert with --tls-key, not both)");
            return TlsSettings.pkcs12(pkcs12.get(), pkcs12Password.orElse(""));
        }
        require(certificate.isPresent() || key.isPresent(), "--tls-cert: missing (expected: --tls-cert with "
                + "--tls-key, or --tls-pkcs12, for the other TLS options)");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("--tls-key: missing (expected: the private key of --tls-cert "
                    + certificate.get() + ")");
        }
        if (certificate.isEmpty()) {
            throw new IllegalArgumentException("--tls-cert: missing (expected: the certificate of --tls-key "
                    + key.get() + ")");
        }
        require(pkcs12Password.isEmpty(), "--tls-pkcs12-password: (expected: only with --tls-pkcs12)");
        return keyPassword.isPresent()
                ? TlsSettings.pem(certificate.get(), key.get(), keyPassword.get())
                : TlsSettings.pem(certificate.get(), key.get());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Reads {@code 1.2}, {@code 1.3}, {@code TLSv1.2} or {@code TLSv1.3}. */
    static final class VersionConverter implements CommandLine.ITypeConverter<TlsVersion> {
        @Override
        public TlsVersion convert(String value) {
            try {
                return TlsVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
