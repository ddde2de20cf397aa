package io.socketway.netty;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads and writes PEM: X.509 certificates and PKCS#8 private keys (plain or password-protected), with the JDK alone.
 * Errors are {@link IllegalArgumentException}s in the form {@code name: value (expected: ...)}. Stateless.
 */
final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

    private Pem() {}

    /** Returns {@code der} as one PEM block of the given type, such as {@code CERTIFICATE}. */
    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Returns every {@code CERTIFICATE} block in order; {@code name} and {@code source} label errors. */
    static List<X509Certificate> certificates(byte[] pem, String name, Object source) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem)) {
                if (block.type().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + source + " (expected: PEM certificates; " + e.getMessage()
                    + ")", e);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + source
                    + " (expected: a PEM file with '-----BEGIN CERTIFICATE-----' blocks)");
        }
        return chain;
    }

    /** Returns the PKCS#8 private key in {@code pem}, decrypting it with {@code password} when it is encrypted. */
    static PrivateKey privateKey(byte[] pem, Optional<String> password, String name, Object source) {
        for (Block block : blocks(pem)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return decode(block.der(), name, source);
                }
                case "ENCRYPTED PRIVATE KEY" -> {
                    String pw = password.orElseThrow(() -> new IllegalArgumentException(name + ": " + source
                            + " (expected: an unencrypted key, or a key password)"));
                    return decode(decrypt(block.der(), pw, name, source), name, source);
                }
                default -> {
                    if (block.type().endsWith("PRIVATE KEY")) {
                        throw new IllegalArgumentException(name + ": " + source + " (expected: a PKCS#8 key, "
                                + "'BEGIN PRIVATE KEY'; found '" + block.type() + "': convert it with "
                                + "`openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`)");
                    }
                }
            }
        }
        throw new IllegalArgumentException(name + ": " + source
                + " (expected: a PEM file with a '-----BEGIN PRIVATE KEY-----' block)");
    }

    private static byte[] decrypt(byte[] der, String password, String name, Object source) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
            Cipher cipher = Cipher.getInstance(info.getAlgName());
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException(name + ": " + source
                    + " (expected: a key that the given password decrypts; " + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey decode(byte[] der, String name, Object source) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(name + ": " + source + " (expected: a PKCS#8 key of type "
                + String.join(", ", KEY_ALGORITHMS) + ")");
    }

    private static List<Block> blocks(byte[] pem) {
        Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
        List<Block> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return blocks;
    }

    private record Block(String type, byte[] der) {}
}
