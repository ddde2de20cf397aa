package io.socketway.core;

import io.socketway.api.ApiDefinition;

/**
 * Where clients reach this gateway, and how AWS endpoint URLs in a template map to it: a template that builds
 * {@code wss://{api}.execute-api.{region}.amazonaws.com/{stage}} (in {@code Outputs} or a function's environment)
 * gets {@code ws://host:port/{stage}} here, and {@code https://...} becomes {@code http://host:port}.
 *
 * @param host the host clients use
 * @param port the bound port
 * @param secure true when the listener speaks TLS
 */
public record LocalEndpoint(String host, int port, boolean secure) {

    /** Returns {@code ws://host:port} (or {@code wss://}). */
    public String webSocketBase() {
        return (secure ? "wss://" : "ws://") + authority();
    }

    /** Returns {@code http://host:port} (or {@code https://}). */
    public String httpBase() {
        return (secure ? "https://" : "http://") + authority();
    }

    /** Returns {@code host:port}, with IPv6 hosts in brackets. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Rewrites the API's AWS endpoint URLs in {@code value} to this endpoint. */
    public String localize(String value, ApiDefinition api) {
        String domain = api.awsDomainName();
        if (!value.contains(domain)) {
            return value;
        }
        return value.replace("wss://" + domain, webSocketBase())
                .replace("https://" + domain, httpBase())
                .replace(domain, authority());
    }
}
