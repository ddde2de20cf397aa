package io.socketway.core;

/** Counts the UTF-8 bytes of a string without encoding it (no allocation). Stateless. */
final class Utf8 {
    private Utf8() {}

    /** Returns the number of bytes {@code text} takes in UTF-8 (a lone surrogate counts as the one byte of the '?' Java writes for it). */
    static int length(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
