package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which pushed payloads go out as text messages: valid UTF-8 only, checked without decoding ASCII. */
class Utf8CheckTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void asciiAndWellFormedMultiByteTextAreText() {
        assertThat(ManagementService.isUtf8(new byte[0])).isTrue();
        assertThat(ManagementService.isUtf8("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ManagementService.isUtf8("prix: 12 € 🎉 ok".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ManagementService.isUtf8("é".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void malformedSequencesAfterAnAsciiRunAreBinary() {
        assertThat(ManagementService.isUtf8(bytes('o', 'k', 0xC3, 0x28))).as("bad continuation").isFalse();
        assertThat(ManagementService.isUtf8(bytes('o', 'k', 0x80))).as("lone continuation").isFalse();
        assertThat(ManagementService.isUtf8(bytes('o', 'k', 0xE2, 0x82))).as("truncated").isFalse();
        assertThat(ManagementService.isUtf8(bytes(0xFF, 0xFE))).as("never in UTF-8").isFalse();
        assertThat(ManagementService.isUtf8(bytes(0xED, 0xA0, 0x80))).as("a surrogate").isFalse();
    }
}
