package io.socketway.netty;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues development certificates, as {@code socketway cert} does: a local certificate authority ({@code ca.pem},
 * {@code ca-key.pem}; created once, reused afterwards) and a server certificate for a list of DNS names and IP
 * addresses ({@code localhost.pem}, {@code localhost-key.pem}; replaced each time, with a new serial and key), plus
 * {@code truststore.p12} (password {@code changeit}) that holds the authority for JVM clients. Keys are EC P-256 in
 * PKCS#8 PEM, readable by the owner only where the file system has POSIX permissions. Files are replaced atomically, so
 * a running server's reload sees either the old or the new file.
 *
 * <p>Needs BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}) on the class path; it is an optional dependency of
 * this module. Threading: stateless; calls on the same directory must not overlap.
 */
public final class LocalCertificates {
    /** The hosts {@code socketway cert} covers by default: {@code localhost}, {@code 127.0.0.1} and {@code ::1}. */
    public static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1", "::1");
    /** The default server certificate lifetime, 825 days (the longest some platforms accept). */
    public static final int DEFAULT_DAYS = 825;
    /** The password of {@code truststore.p12}. */
    public static final String TRUST_STORE_PASSWORD = "changeit";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalCertificates() {}

    /** Returns {@code ~/.socketway/certs}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".socketway", "certs");
    }

    /**
     * Creates or reuses the authority in {@code directory} (created when missing) and issues a server certificate for
     * {@code hosts}, valid for {@code days} days; blocking file I/O.
     *
     * @param hosts DNS names (a leading {@code *.} is allowed) and IPv4 or IPv6 addresses; the first is the subject
     * @throws IllegalArgumentException for an invalid host or day count, or an unusable existing authority
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static Issued issue(Path directory, List<String> hosts, int days) {
        notNull(directory, "directory");
        notNull(hosts, "hosts");
        checkArgument(!hosts.isEmpty(), "hosts: [] (expected: at least one DNS name or IP address)");
        checkArgument(days > 0 && days <= 3650, "days: %s (expected: 1 to 3650)", days);
        List<GeneralName> names = hosts.stream().map(LocalCertificates::subjectAltName).toList();
        try {
            createDirectory(directory);
            Optional<Authority> existing = Authority.read(directory);
            Authority ca = existing.isPresent() ? existing.get() : Authority.create(directory);
            KeyPair keys = newKeyPair();
            X509Certificate server = serverCertificate(ca, keys.getPublic(), hosts.get(0), names, days);
            write(directory.resolve(Issued.KEY), Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded()), true);
            write(directory.resolve(Issued.CERTIFICATE), Pem.encode("CERTIFICATE", server.getEncoded()), false);
            write(directory.resolve(Issued.TRUST_STORE), trustStore(ca.certificate()), false);
            return new Issued(directory, existing.isEmpty(), ca.certificate(), server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not issue a certificate: " + e, e);
        }
    }

    /**
     * Describes what {@link #issue} wrote.
     *
     * @param directory the folder holding the files
     * @param authorityCreated true when this call created the authority, false when it reused one
     * @param authority the authority's certificate
     * @param certificate the new server certificate
     */
    public record Issued(Path directory, boolean authorityCreated, X509Certificate authority,
            X509Certificate certificate) {
        static final String CA_CERTIFICATE = "ca.pem";
        static final String CA_KEY = "ca-key.pem";
        static final String CERTIFICATE = "localhost.pem";
        static final String KEY = "localhost-key.pem";
        static final String TRUST_STORE = "truststore.p12";

        /** Returns {@code ca.pem}: the authority clients should trust. */
        public Path authorityFile() {
            return directory.resolve(CA_CERTIFICATE);
        }

        /** Returns {@code ca-key.pem}: the authority's key; keep it private. */
        public Path authorityKeyFile() {
            return directory.resolve(CA_KEY);
        }

        /** Returns {@code localhost.pem}: the server certificate. */
        public Path certificateFile() {
            return directory.resolve(CERTIFICATE);
        }

        /** Returns {@code localhost-key.pem}: the server's PKCS#8 key. */
        public Path keyFile() {
            return directory.resolve(KEY);
        }

        /** Returns {@code truststore.p12}: a PKCS#12 trust store holding the authority, password {@code changeit}. */
        public Path trustStoreFile() {
            return directory.resolve(TRUST_STORE);
        }
    }

    private record Authority(X509Certificate certificate, PrivateKey key) {
        static Optional<Authority> read(Path dir) throws IOException {
            Path cert = dir.resolve(Issued.CA_CERTIFICATE);
            Path key = dir.resolve(Issued.CA_KEY);
            if (!Files.exists(cert) && !Files.exists(key)) {
                return Optional.empty();
            }
            checkArgument(Files.exists(cert) && Files.exists(key), "authority: %s (expected: both %s and %s, or "
                    + "neither to create a new authority)", dir, Issued.CA_CERTIFICATE, Issued.CA_KEY);
            ServerCredentials loaded = ServerCredentials.load(new TlsSettings.PemFiles(cert, key, Optional.empty()));
            Instant notAfter = loaded.certificate().getNotAfter().toInstant();
            checkArgument(notAfter.isAfter(Instant.now().plus(Duration.ofDays(1))), "authority: %s (expected: a "
                    + "certificate that has not expired; delete %s and %s to create a new one)", cert,
                    Issued.CA_CERTIFICATE, Issued.CA_KEY);
            return Optional.of(new Authority(loaded.certificate(), loaded.key()));
        }

        static Authority create(Path dir) throws GeneralSecurityException, OperatorCreationException, IOException {
            KeyPair keys = newKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Socketway development CA")
                    .addRDN(BCStyle.CN, "Socketway local CA " + System.getProperty("user.name", "") + " "
                            + LocalDate.now(ZoneOffset.UTC))
                    .build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            Authority ca = new Authority(sign(builder, keys.getPrivate()), keys.getPrivate());
            write(dir.resolve(Issued.CA_KEY), Pem.encode("PRIVATE KEY", ca.key().getEncoded()), true);
            write(dir.resolve(Issued.CA_CERTIFICATE), Pem.encode("CERTIFICATE", ca.certificate().getEncoded()), false);
            return ca;
        }
    }

    private static X509Certificate serverCertificate(Authority ca, PublicKey key, String subject,
            List<GeneralName> names, int days) throws GeneralSecurityException, OperatorCreationException,
            CertIOException {
        Instant now = Instant.now();
        Instant notAfter = now.plus(Duration.ofDays(days));
        if (notAfter.isAfter(ca.certificate().getNotAfter().toInstant())) {
            notAfter = ca.certificate().getNotAfter().toInstant();
        }
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Socketway development certificate")
                .addRDN(BCStyle.CN, subject)
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), name, key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(ca.certificate()));
        return sign(builder, ca.key());
    }

    private static GeneralName subjectAltName(String host) {
        notNull(host, "host");
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (IPV4.matcher(h).matches() || (h.contains(":") && h.matches("[0-9A-Fa-f:.]+"))) {
            try {
                return new GeneralName(GeneralName.iPAddress, h);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("host: " + host + " (expected: a DNS name or an IP address)", e);
            }
        }
        checkArgument(h.length() <= 253 && DNS_NAME.matcher(h).matches(),
                "host: %s (expected: a DNS name or an IP address)", host);
        return new GeneralName(GeneralName.dNSName, h);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }

    private static byte[] trustStore(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("socketway-local-ca", ca);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        return out.toByteArray();
    }

    private static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory) && posix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Files.createDirectories(directory);
    }

    private static void write(Path target, String pem, boolean secret) throws IOException {
        write(target, pem.getBytes(StandardCharsets.US_ASCII), secret);
    }

    /** Writes through a temporary file (created owner-only) and an atomic rename. */
    private static void write(Path target, byte[] content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            if (posix(tmp)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
