package io.socketway.netty;

import static io.socketway.api.Checks.notNull;

import java.util.List;
import java.util.Locale;

/** Names the lowest TLS version the gateway accepts; each constant enables itself and every newer version. */
public enum TlsVersion {
    /** Accepts TLSv1.2 and TLSv1.3 (for older clients). */
    TLS_1_2("TLSv1.2", List.of("TLSv1.2", "TLSv1.3")),
    /** Accepts TLSv1.3 only (the default). */
    TLS_1_3("TLSv1.3", List.of("TLSv1.3"));

    private final String protocolName;
    private final List<String> enabledProtocols;

    TlsVersion(String protocolName, List<String> enabledProtocols) {
        this.protocolName = protocolName;
        this.enabledProtocols = enabledProtocols;
    }

    /** Returns the JSSE name of this version, such as {@code TLSv1.3}. */
    public String protocolName() {
        return protocolName;
    }

    /** Returns the JSSE names of the protocols enabled when this is the lowest version. */
    public List<String> enabledProtocols() {
        return enabledProtocols;
    }

    /**
     * Returns the version named {@code 1.2}, {@code 1.3}, {@code TLSv1.2} or {@code TLSv1.3} (case-insensitive).
     *
     * @throws IllegalArgumentException for any other name, including versions older than 1.2
     */
    public static TlsVersion parse(String name) {
        notNull(name, "name");
        String v = name.trim().toLowerCase(Locale.ROOT).replaceFirst("^tlsv?", "");
        return switch (v) {
            case "1.2" -> TLS_1_2;
            case "1.3" -> TLS_1_3;
            default -> throw new IllegalArgumentException("TLS version: " + name + " (expected: 1.2 or 1.3)");
        };
    }
}
