package io.socketway.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.socketway.core.ClientAddressSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds a request's client address behind proxies ({@link ClientAddressSettings}): the source a PROXY protocol
 * header gave the channel, else the TCP peer; and when that is a trusted proxy, the right-most address of
 * {@code X-Forwarded-For} that is not one (each proxy appends the address it saw, so addresses left of the last
 * untrusted one may have been written by the client itself and are ignored). An entry that is not an address makes
 * the client {@link #UNKNOWN}.
 *
 * <p>Threading: immutable and thread-safe; runs on event loops (no DNS: ranges and header values must be literals).
 */
final class ClientAddresses {
    /** The client's address as a PROXY protocol header gave it, set on the channel before any request. */
    static final AttributeKey<InetSocketAddress> PROXIED_SOURCE = AttributeKey.valueOf("socketway.proxiedSource");

    /** The client behind a trusted proxy whose {@code X-Forwarded-For} does not name one: 0.0.0.0. */
    static final InetAddress UNKNOWN = NetUtil.createInetAddressFromIpAddressString("0.0.0.0");

    private final List<IpSubnetFilterRule> trusted;
    private final boolean proxyProtocol;

    ClientAddresses(ClientAddressSettings settings) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String range : settings.trustedProxies()) {
            rules.add(rule(range));
        }
        this.trusted = List.copyOf(rules);
        this.proxyProtocol = settings.proxyProtocol();
    }

    /** Returns true when connections start with a PROXY protocol header. */
    boolean proxyProtocol() {
        return proxyProtocol;
    }

    /** Returns true when nobody is trusted, so every peer may send a PROXY header. */
    boolean trustsNobody() {
        return trusted.isEmpty();
    }

    /** Returns true when {@code address} is a trusted proxy. */
    boolean trusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the address the channel's traffic comes from: the PROXY header's source, else the TCP peer. */
    static InetAddress peer(Channel channel) {
        InetSocketAddress proxied = channel.attr(PROXIED_SOURCE).get();
        return (proxied != null ? proxied : (InetSocketAddress) channel.remoteAddress()).getAddress();
    }

    /** Returns the client's address for a request on {@code channel} with {@code headers}. */
    InetAddress client(Channel channel, HttpHeaders headers) {
        InetAddress peer = peer(channel);
        if (trusted.isEmpty() || !trusted(peer)) {
            return peer;
        }
        List<String> forwarded = new ArrayList<>();
        for (String value : headers.getAll("X-Forwarded-For")) {
            for (String part : value.split(",")) {
                forwarded.add(part.trim());
            }
        }
        InetAddress client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwarded.get(i));
            if (hop == null) {
                // not an address ("unknown", an obfuscated token, garbage): the client is unknown, never the
                // trusted proxy itself (that would make a relayed call look like the proxy's own, even a loopback one)
                return UNKNOWN;
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return client;
    }

    /**
     * Returns a handshake's headers as functions see them: {@code X-Forwarded-For}, {@code -Port} and {@code -Proto}
     * as AWS's edge sets them (the peer's address, the PROXY header's source or the TCP peer, appended to the
     * addresses already listed; the port and scheme of this node unless a trusted proxy gave them), without the
     * {@code content-length: 0} that aggregating the body-less GET adds; every other header as it came.
     */
    List<Map.Entry<String, String>> handshakeHeaders(Channel channel, HttpHeaders headers, int localPort,
            boolean secure) {
        InetAddress peer = peer(channel);
        boolean trustedPeer = !trusted.isEmpty() && trusted(peer);
        List<Map.Entry<String, String>> out = new ArrayList<>();
        List<String> forwardedFor = new ArrayList<>();
        String port = null;
        String proto = null;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("X-Forwarded-For")) {
                if (!h.getValue().isBlank()) {
                    forwardedFor.add(h.getValue().trim());
                }
            } else if (name.equalsIgnoreCase("X-Forwarded-Port")) {
                port = port == null && trustedPeer ? h.getValue() : port;
            } else if (name.equalsIgnoreCase("X-Forwarded-Proto")) {
                proto = proto == null && trustedPeer ? h.getValue() : proto;
            } else if (!(name.equalsIgnoreCase("Content-Length") && h.getValue().equals("0"))) {
                out.add(h);
            }
        }
        forwardedFor.add(peer.getHostAddress());
        out.add(Map.entry("X-Forwarded-For", String.join(", ", forwardedFor)));
        out.add(Map.entry("X-Forwarded-Port", port != null ? port : Integer.toString(localPort)));
        out.add(Map.entry("X-Forwarded-Proto", proto != null ? proto : secure ? "https" : "http"));
        return out;
    }

    /** Parses an address literal, also {@code [v6]}, {@code [v6]:port} and {@code v4:port}; null for anything else. */
    private static @Nullable InetAddress literal(String text) {
        String address = text;
        int colon = address.indexOf(':');
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0) {
                return null;
            }
            address = address.substring(1, end);
        } else if (colon > 0 && colon == address.lastIndexOf(':') && address.indexOf('.') > 0) {
            address = address.substring(0, colon);
        }
        return NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)
                ? NetUtil.createInetAddressFromIpAddressString(address) : null;
    }

    private static IpSubnetFilterRule rule(String range) {
        int slash = range.indexOf('/');
        String address = slash < 0 ? range : range.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new IllegalArgumentException("--trusted-proxy: " + range + " (expected: an IP address or a CIDR"
                    + " range such as 10.0.0.0/8 or fd00::/8)");
        }
        int bits = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(range.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("--trusted-proxy: " + range + " (expected: a prefix length from 0 to "
                    + bits + ")");
        }
        return new IpSubnetFilterRule(parsed, prefix, IpFilterRuleType.ACCEPT);
    }
}
