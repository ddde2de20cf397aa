package io.socketway.registry.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals every value the engine writes to Redis with AES-GCM, and opens what it reads back.
 *
 * <p>Sealed format: {@code 0x01 | key id length (1 byte) | key id (ASCII) | IV (12 random bytes) | ciphertext | tag
 * (16 bytes)}. The associated data is the Redis key or channel the value is written to, so a value copied to another
 * key fails to open. New values use the active key; values under any configured key open, so keys rotate by adding
 * the new key everywhere, then making it active, then dropping the old one once no value written under it remains
 * (records live as long as their connections, at most the connection lifetime; bus messages a few seconds).
 *
 * <p>With encryption explicitly disabled the format is {@code 0x00 | plaintext}. Each side refuses the other's format,
 * so a node without keys cannot read sealed values and a node with keys never accepts plaintext.
 *
 * <p>Thread-safe: a new {@link Cipher} per call.
 */
final class PayloadCipher {
    private static final byte PLAIN = 0;
    private static final byte AES_GCM = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final byte[] activeKeyIdBytes;
    private final boolean disabled;

    private PayloadCipher(Map<String, SecretKey> keys, String activeKeyId, boolean disabled) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
        this.activeKeyIdBytes = activeKeyId.getBytes(StandardCharsets.US_ASCII);
        this.disabled = disabled;
    }

    /** Returns the cipher the settings describe. */
    static PayloadCipher of(RedisSettings settings) {
        Map<String, SecretKey> keys = new HashMap<>();
        settings.encryptionKeys().forEach((id, key) -> keys.put(id, new SecretKeySpec(key, "AES")));
        return new PayloadCipher(Map.copyOf(keys), settings.activeKeyId(), settings.encryptionDisabled());
    }

    /** Returns {@code plaintext} sealed for storage under {@code context} (a key or channel name). */
    byte[] seal(byte[] plaintext, String context) {
        if (disabled) {
            return ByteBuffer.allocate(1 + plaintext.length).put(PLAIN).put(plaintext).array();
        }
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        ByteBuffer out = ByteBuffer.allocate(2 + activeKeyIdBytes.length + IV_BYTES + plaintext.length + TAG_BITS / 8);
        out.put(AES_GCM).put((byte) activeKeyIdBytes.length).put(activeKeyIdBytes).put(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), iv, context);
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed with key " + activeKeyId, e);
        }
        return out.array();
    }

    /**
     * Returns the plaintext of a value read from {@code context}.
     *
     * @throws IllegalStateException when the value is not in this cipher's format, names an unknown key, or fails
     *     authentication (tampered, or copied from another key)
     */
    byte[] open(byte[] sealed, String context) {
        if (sealed.length == 0) {
            throw new IllegalStateException(context + ": empty value (expected: a sealed value)");
        }
        if (disabled) {
            check(sealed[0] == PLAIN, context, "a plaintext value (encryption is disabled on this node)");
            return Arrays.copyOfRange(sealed, 1, sealed.length);
        }
        check(sealed[0] == AES_GCM && sealed.length >= 2, context, "an AES-GCM value (encryption is on)");
        int idLength = sealed[1] & 0xff;
        check(sealed.length >= 2 + idLength + IV_BYTES + TAG_BITS / 8, context, "a complete AES-GCM value");
        String keyId = new String(sealed, 2, idLength, StandardCharsets.US_ASCII);
        SecretKey key = keys.get(keyId);
        check(key != null, context, "a value under one of the keys " + keys.keySet() + ", not " + keyId);
        int ivAt = 2 + idLength;
        byte[] iv = Arrays.copyOfRange(sealed, ivAt, ivAt + IV_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv, context);
            return cipher.doFinal(sealed, ivAt + IV_BYTES, sealed.length - ivAt - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(context + ": AES-GCM authentication failed with key " + keyId, e);
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static void check(boolean condition, String context, String expected) {
        if (!condition) {
            throw new IllegalStateException(context + ": unreadable value (expected: " + expected + ")");
        }
    }
}
