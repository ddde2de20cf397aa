package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCipherTest {
    private static final List<URI> URIS = List.of(URI.create("redis://127.0.0.1:6399"));
    private static final byte[] SECRET = "sourceIp=198.51.100.7".getBytes(StandardCharsets.UTF_8);

    private static PayloadCipher cipher(Map<String, byte[]> keys, String active) {
        return PayloadCipher.of(RedisSettings.of("n", URIS, keys, active));
    }

    private static final PayloadCipher K1 = cipher(Map.of("k1", TestEngines.key("k1")), "k1");

    @Test
    void opensWhatItSealed() {
        byte[] sealed = K1.seal(SECRET, "sw:conn:{a}");
        assertThat(K1.open(sealed, "sw:conn:{a}")).isEqualTo(SECRET);
        assertThat(K1.open(K1.seal(new byte[0], "ctx"), "ctx")).isEmpty();
    }

    @Test
    void sealedValueNamesItsKeyAndHidesThePlaintext() {
        byte[] sealed = K1.seal(SECRET, "ctx");
        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(new String(sealed, 2, sealed[1], StandardCharsets.US_ASCII)).isEqualTo("k1");
        assertThat(sealed).hasSize(1 + 1 + 2 + 12 + SECRET.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("198.51.100.7");
    }

    @Test
    void usesAFreshIvEachTime() {
        assertThat(K1.seal(SECRET, "ctx")).isNotEqualTo(K1.seal(SECRET, "ctx"));
    }

    @Test
    void refusesATamperedValue() {
        byte[] sealed = K1.seal(SECRET, "ctx");
        sealed[sealed.length - 20] ^= 1;
        assertThatThrownBy(() -> K1.open(sealed, "ctx")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void refusesAValueCopiedToAnotherKey() {
        byte[] sealed = K1.seal(SECRET, "sw:conn:{a}");
        assertThatThrownBy(() -> K1.open(sealed, "sw:conn:{b}")).hasMessageContaining("authentication failed");
    }

    @Test
    void opensValuesUnderAnyConfiguredKeyAndSealsWithTheActiveOne() {
        PayloadCipher rotated = cipher(Map.of("k1", TestEngines.key("k1"), "k2", TestEngines.key("k2")), "k2");
        assertThat(rotated.open(K1.seal(SECRET, "ctx"), "ctx")).isEqualTo(SECRET);
        byte[] sealedWithK2 = rotated.seal(SECRET, "ctx");
        assertThat(new String(sealedWithK2, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k2");
        assertThatThrownBy(() -> K1.open(sealedWithK2, "ctx")).hasMessageContaining("not k2");
    }

    @Test
    void encryptingNodeRefusesPlaintextAndPlaintextNodeRefusesSealedValues() {
        PayloadCipher plain = PayloadCipher.of(RedisSettings.unencrypted("n", URIS));
        byte[] plaintext = plain.seal(SECRET, "ctx");
        assertThat(plaintext[0]).isZero();
        assertThat(Arrays.copyOfRange(plaintext, 1, plaintext.length)).isEqualTo(SECRET);
        assertThatThrownBy(() -> K1.open(plaintext, "ctx")).hasMessageContaining("encryption is on");
        assertThatThrownBy(() -> plain.open(K1.seal(SECRET, "ctx"), "ctx")).hasMessageContaining("disabled");
    }

    @Test
    void refusesTruncatedValues() {
        byte[] sealed = K1.seal(SECRET, "ctx");
        assertThatThrownBy(() -> K1.open(Arrays.copyOf(sealed, 10), "ctx")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> K1.open(new byte[0], "ctx")).isInstanceOf(IllegalStateException.class);
    }
}
