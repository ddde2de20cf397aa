package io.socketway.netty;

import java.net.URI;
import java.util.Locale;

/**
 * Where a function's HTTP requests go: scheme, host and port, the key of a connection pool. Immutable.
 *
 * @param tls true for {@code https}
 * @param host the host, as in the URL (IPv6 literals without brackets)
 * @param port the port, the scheme's default when the URL has none
 */
record FunctionHttpOrigin(boolean tls, String host, int port) {

    /** Returns the origin of an {@code http(s)://} URI. */
    static FunctionHttpOrigin of(URI uri) {
        boolean tls = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("uri: " + uri + " (expected: a URL with a host)");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new FunctionHttpOrigin(tls, host.toLowerCase(Locale.ROOT),
                uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80);
    }

    /** Returns the {@code Host} header value. */
    String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return (tls ? "https://" : "http://") + hostHeader();
    }
}
