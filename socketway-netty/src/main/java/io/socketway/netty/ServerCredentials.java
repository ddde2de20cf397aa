package io.socketway.netty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Holds a server certificate chain and its private key, read from {@link TlsSettings.KeyMaterial} and checked: the
 * chain is not empty and the key belongs to its first certificate. Immutable.
 *
 * @param key the private key
 * @param chain the server certificate first, then intermediates
 */
record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {
    private static final byte[] PROBE = "socketway key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    ServerCredentials {
        chain = List.copyOf(chain);
    }

    /**
     * Reads and checks the key material; blocking file I/O.
     *
     * @throws IllegalArgumentException when a file is missing, malformed, or the key does not match the certificate
     */
    static ServerCredentials load(TlsSettings.KeyMaterial material) {
        ServerCredentials credentials = switch (material) {
            case TlsSettings.PemFiles pem -> new ServerCredentials(
                    Pem.privateKey(read(pem.privateKey(), "privateKey"), pem.keyPassword(), "privateKey",
                            pem.privateKey()),
                    Pem.certificates(read(pem.certificateChain(), "certificateChain"), "certificateChain",
                            pem.certificateChain()));
            case TlsSettings.Pkcs12File p12 -> pkcs12(p12);
        };
        credentials.checkKeyMatches(material);
        return credentials;
    }

    /** Returns the server certificate. */
    X509Certificate certificate() {
        return chain.get(0);
    }

    /** Returns a one-line description for logs: subject, serial and validity end. */
    String describe() {
        X509Certificate c = certificate();
        return c.getSubjectX500Principal().getName() + " (serial " + c.getSerialNumber().toString(16) + ", valid until "
                + c.getNotAfter().toInstant() + ")";
    }

    private static ServerCredentials pkcs12(TlsSettings.Pkcs12File p12) {
        char[] password = p12.password().toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(read(p12.file(), "pkcs12")), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        return new ServerCredentials(privateKey,
                                Arrays.stream(chain).map(X509Certificate.class::cast).toList());
                    }
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("pkcs12: " + p12.file()
                    + " (expected: a PKCS#12 file that the given password opens; " + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException("pkcs12: " + p12.file()
                + " (expected: a private key entry with its certificate chain)");
    }

    private void checkKeyMatches(TlsSettings.KeyMaterial material) {
        PublicKey publicKey = certificate().getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw mismatch(material);
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> "";  // another type: the first handshake will tell
        };
        if (!algorithm.isEmpty() && !signsFor(algorithm, publicKey)) {
            throw mismatch(material);
        }
    }

    private boolean signsFor(String algorithm, PublicKey publicKey) {
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private IllegalArgumentException mismatch(TlsSettings.KeyMaterial material) {
        String where = switch (material) {
            case TlsSettings.PemFiles pem -> "privateKey: " + pem.privateKey();
            case TlsSettings.Pkcs12File p12 -> "pkcs12: " + p12.file();
        };
        return new IllegalArgumentException(where + " (expected: the private key of certificate " + describe() + ")");
    }

    private static byte[] read(Path file, String name) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + file + " (expected: a readable file; " + e + ")",
                    new UncheckedIOException(e));
        }
    }
}
