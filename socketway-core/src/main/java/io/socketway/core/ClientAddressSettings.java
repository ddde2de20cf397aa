package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;

import java.util.List;

/**
 * Where a client's address comes from when the node sits behind proxies or load balancers. The address is what
 * events ({@code requestContext.identity.sourceIp}), access logs, {@code GetConnection}, the per-address limits and
 * the loopback rule of unsigned management calls see.
 *
 * @param trustedProxies addresses ({@code 10.0.0.7}) and ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) of proxies
 *     whose word is taken: when the peer is one of them, the client is the right-most address of
 *     {@code X-Forwarded-For} that is not a trusted proxy; with PROXY protocol, only these peers may send the header.
 *     Empty (the default) trusts nobody: the client is the TCP peer (or the PROXY header's source)
 * @param proxyProtocol every connection starts with a PROXY protocol header, version 1 or 2 (AWS Network Load
 *     Balancer, HAProxy, ...), whose source address is the client's; connections without one are closed
 */
public record ClientAddressSettings(List<String> trustedProxies, boolean proxyProtocol) {
    /** The TCP peer is the client; no PROXY protocol. */
    public static final ClientAddressSettings DEFAULT = new ClientAddressSettings(List.of(), false);

    public ClientAddressSettings {
        trustedProxies = List.copyOf(trustedProxies);
        for (String range : trustedProxies) {
            int bits = addressBits(range);
            checkArgument(bits > 0, "trustedProxies: %s (expected: an IP address or a CIDR range such as 10.0.0.0/8"
                    + " or fd00::/8)", range);
            int slash = range.indexOf('/');
            int prefix = slash < 0 ? bits : range.substring(slash + 1).matches("\\d{1,3}")
                    ? Integer.parseInt(range.substring(slash + 1)) : -1;
            checkArgument(prefix >= 0 && prefix <= bits, "trustedProxies: %s (expected: a prefix length from 0 to %s)",
                    range, bits);
        }
    }

    /** Returns 32 or 128 for an IPv4 or IPv6 literal (before any {@code /prefix}), 0 for anything else; no DNS. */
    private static int addressBits(String range) {
        int slash = range.indexOf('/');
        String address = slash < 0 ? range : range.substring(0, slash);
        if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return 0;
                }
            }
            return 32;
        }
        if (!address.contains(":") || !address.matches("[0-9A-Fa-f:.]+")) {
            return 0;
        }
        try {
            // a string with ':' is parsed as an IPv6 literal, never looked up; ::ffff:a.b.c.d comes back as IPv4
            return java.net.InetAddress.getByName(address).getAddress().length * 8;
        } catch (java.net.UnknownHostException e) {
            return 0;
        }
    }
}
