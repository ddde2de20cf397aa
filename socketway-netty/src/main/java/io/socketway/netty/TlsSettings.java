package io.socketway.netty;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configures TLS on the gateway's port ({@code wss://} and {@code https://}): where the certificate and its key come
 * from, the lowest TLS version accepted, how often the files are checked for a new certificate, and which TLS
 * implementation runs.
 *
 * <p>Create one with {@link #pem} or {@link #pkcs12} and adjust it with the {@code with*} methods. Defaults: TLSv1.3
 * only, a reload check every 10 seconds, and OpenSSL (BoringSSL) when it loads, else the JDK. Construction checks that
 * the files are readable; their content is checked when the server starts. Immutable and thread-safe.
 *
 * @param keyMaterial where the server certificate chain and its private key are read from
 * @param minVersion the lowest TLS version accepted (default {@link TlsVersion#TLS_1_3})
 * @param reloadInterval how often the files are checked for changes; {@link Duration#ZERO} turns reloading off
 *     (default 10 seconds)
 * @param provider which TLS implementation serves connections (default {@link Provider#AUTO})
 */
public record TlsSettings(KeyMaterial keyMaterial, TlsVersion minVersion, Duration reloadInterval, Provider provider) {
    /** The default reload check interval: 10 seconds. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

    /** Checks every component; see the class description. */
    public TlsSettings {
        notNull(keyMaterial, "keyMaterial");
        notNull(minVersion, "minVersion");
        notNull(reloadInterval, "reloadInterval");
        notNull(provider, "provider");
        checkArgument(!reloadInterval.isNegative(), "reloadInterval: %s (expected: >= 0, where 0 turns reloading off)",
                reloadInterval);
    }

    /** Returns defaults that read a PEM certificate chain and an unencrypted PKCS#8 PEM private key. */
    public static TlsSettings pem(Path certificateChain, Path privateKey) {
        return of(new PemFiles(certificateChain, privateKey, Optional.empty()));
    }

    /** Returns defaults that read a PEM certificate chain and a password-protected PKCS#8 PEM private key. */
    public static TlsSettings pem(Path certificateChain, Path privateKey, String keyPassword) {
        return of(new PemFiles(certificateChain, privateKey, Optional.of(keyPassword)));
    }

    /** Returns defaults that read the first private key entry, and its chain, of a PKCS#12 file. */
    public static TlsSettings pkcs12(Path file, String password) {
        return of(new Pkcs12File(file, password));
    }

    private static TlsSettings of(KeyMaterial keyMaterial) {
        return new TlsSettings(keyMaterial, TlsVersion.TLS_1_3, DEFAULT_RELOAD_INTERVAL, Provider.AUTO);
    }

    /** Returns a copy with another lowest TLS version. */
    public TlsSettings withMinVersion(TlsVersion value) {
        return new TlsSettings(keyMaterial, value, reloadInterval, provider);
    }

    /** Returns a copy with another reload check interval ({@link Duration#ZERO} turns reloading off). */
    public TlsSettings withReloadInterval(Duration value) {
        return new TlsSettings(keyMaterial, minVersion, value, provider);
    }

    /** Returns a copy with another TLS implementation. */
    public TlsSettings withProvider(Provider value) {
        return new TlsSettings(keyMaterial, minVersion, reloadInterval, value);
    }

    /** Chooses the TLS implementation. */
    public enum Provider {
        /** OpenSSL (BoringSSL through netty-tcnative) when it loads on this platform, else the JDK. */
        AUTO,
        /** OpenSSL (BoringSSL); the server fails to start when it does not load. */
        OPENSSL,
        /** The JDK's own TLS implementation. */
        JDK
    }

    /** Names the files a server certificate and its key are read from. Implementations are immutable. */
    public sealed interface KeyMaterial permits PemFiles, Pkcs12File {
        /** Returns the files whose changes trigger a reload. */
        List<Path> files();
    }

    /**
     * Names a PEM certificate chain (server certificate first, then intermediates) and a PKCS#8 PEM private key
     * ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a password). {@link #toString} hides the
     * password.
     *
     * @param certificateChain the PEM certificate chain
     * @param privateKey the PKCS#8 PEM private key
     * @param keyPassword the key's password, empty when the key is not encrypted
     */
    public record PemFiles(Path certificateChain, Path privateKey, Optional<String> keyPassword)
            implements KeyMaterial {
        /** Checks that both files are readable. */
        public PemFiles {
            readable(certificateChain, "certificateChain", "a readable PEM certificate chain");
            readable(privateKey, "privateKey", "a readable PKCS#8 PEM private key");
            notNull(keyPassword, "keyPassword");
        }

        @Override
        public List<Path> files() {
            return List.of(certificateChain, privateKey);
        }

        @Override
        public String toString() {
            return "PemFiles[certificateChain=" + certificateChain + ", privateKey=" + privateKey + ", keyPassword="
                    + keyPassword.map(p -> "****").orElse("none") + "]";
        }
    }

    /**
     * Names a PKCS#12 file holding a private key entry with its certificate chain. {@link #toString} hides the
     * password.
     *
     * @param file the PKCS#12 file
     * @param password the file's password (also used for the key entry)
     */
    public record Pkcs12File(Path file, String password) implements KeyMaterial {
        /** Checks that the file is readable. */
        public Pkcs12File {
            readable(file, "pkcs12", "a readable PKCS#12 file");
            notNull(password, "password");
        }

        @Override
        public List<Path> files() {
            return List.of(file);
        }

        @Override
        public String toString() {
            return "Pkcs12File[file=" + file + ", password=****]";
        }
    }

    private static void readable(Path file, String name, String expected) {
        notNull(file, name);
        checkArgument(Files.isRegularFile(file) && Files.isReadable(file), "%s: %s (expected: %s)", name, file,
                expected);
    }
}
