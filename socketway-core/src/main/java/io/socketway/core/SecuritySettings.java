package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import io.socketway.security.sigv4.AccessKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keys and switches for authentication.
 *
 * @param accessKeys SigV4 keys for {@code @connections} calls and {@code AWS_IAM} connect URLs, each limited to stages
 *     and operations. With none, management calls are accepted from loopback only
 * @param insecureManagement accept unsigned management calls from any address (only with no keys; logged loudly)
 * @param managementRequestsPerSecond management calls per second per access key (or per address without keys);
 *     over it 429 {@code LimitExceededException}; 0 = off. Default 10,000 (AWS's account throttle)
 * @param managementHostNames without keys and without {@code insecureManagement}, the names (lower case, no port)
 *     that unsigned management calls may give as {@code Host} besides IP addresses, {@code localhost} and
 *     {@code *.localhost}; any other name is refused as a possible DNS-rebinding attack from a web page
 * @param clientAddresses trusted proxies and PROXY protocol: where a client's address comes from
 * @param jwksUri where JWT authorizers fetch keys; default {@code {Issuer}/.well-known/jwks.json}
 * @param jwksFile JWKS JSON or PEM public keys for JWT authorizers, instead of fetching
 * @param jwtHmacSecret a shared secret for HS256 tokens, instead of public keys
 * @param jwtClockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}; default 60 s
 */
public record SecuritySettings(
        List<AccessKey> accessKeys,
        boolean insecureManagement,
        int managementRequestsPerSecond,
        List<String> managementHostNames,
        ClientAddressSettings clientAddresses,
        Optional<URI> jwksUri,
        Optional<Path> jwksFile,
        Optional<String> jwtHmacSecret,
        Duration jwtClockSkew) {

    /** No keys: management from loopback only; JWT keys from each issuer's JWKS. */
    public static final SecuritySettings DEFAULT = new SecuritySettings(List.of(), false, 10_000, List.of(),
            ClientAddressSettings.DEFAULT, Optional.empty(), Optional.empty(), Optional.empty(),
            Duration.ofSeconds(60));

    public SecuritySettings {
        accessKeys = List.copyOf(accessKeys);
        managementHostNames = List.copyOf(managementHostNames);
        for (String name : managementHostNames) {
            checkArgument(name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?"), "managementHostNames: %s (expected: a host"
                    + " name in lower case, without a port, such as gateway.test)", name);
        }
        checkArgument(managementRequestsPerSecond >= 0, "managementRequestsPerSecond: %s (expected: >= 0)",
                managementRequestsPerSecond);
        notNull(clientAddresses, "clientAddresses");
        notNull(jwksUri, "jwksUri");
        notNull(jwksFile, "jwksFile");
        notNull(jwtHmacSecret, "jwtHmacSecret");
        checkArgument(!jwtClockSkew.isNegative(), "jwtClockSkew: %s (expected: >= 0)", jwtClockSkew);
        checkArgument(!(insecureManagement && !accessKeys.isEmpty()),
                "insecureManagement: true (expected: false when access keys are configured)");
    }

    /** Returns a copy with these access keys. */
    public SecuritySettings withAccessKeys(List<AccessKey> value) {
        return new SecuritySettings(value, insecureManagement, managementRequestsPerSecond, managementHostNames,
                clientAddresses, jwksUri, jwksFile, jwtHmacSecret, jwtClockSkew);
    }

    /** Returns a copy that accepts unsigned management calls from anywhere. */
    public SecuritySettings withInsecureManagement(boolean value) {
        return new SecuritySettings(accessKeys, value, managementRequestsPerSecond, managementHostNames,
                clientAddresses, jwksUri, jwksFile, jwtHmacSecret, jwtClockSkew);
    }

    /** Returns a copy with another management rate. */
    public SecuritySettings withManagementRequestsPerSecond(int value) {
        return new SecuritySettings(accessKeys, insecureManagement, value, managementHostNames, clientAddresses,
                jwksUri, jwksFile, jwtHmacSecret, jwtClockSkew);
    }

    /** Returns a copy in which unsigned management calls from loopback may also name these hosts. */
    public SecuritySettings withManagementHostNames(List<String> value) {
        return new SecuritySettings(accessKeys, insecureManagement, managementRequestsPerSecond, value,
                clientAddresses, jwksUri, jwksFile, jwtHmacSecret, jwtClockSkew);
    }

    /** Returns a copy with these trusted proxies and PROXY protocol setting. */
    public SecuritySettings withClientAddresses(ClientAddressSettings value) {
        return new SecuritySettings(accessKeys, insecureManagement, managementRequestsPerSecond, managementHostNames,
                value, jwksUri, jwksFile, jwtHmacSecret, jwtClockSkew);
    }

    /** Returns a copy with JWT key sources. */
    public SecuritySettings withJwtKeys(Optional<URI> uri, Optional<Path> file, Optional<String> hmacSecret,
            Duration clockSkew) {
        return new SecuritySettings(accessKeys, insecureManagement, managementRequestsPerSecond, managementHostNames,
                clientAddresses, uri, file, hmacSecret, clockSkew);
    }

    @Override
    public String toString() {
        return "SecuritySettings[accessKeys=" + accessKeys + ", insecureManagement=" + insecureManagement
                + ", managementRequestsPerSecond=" + managementRequestsPerSecond + ", managementHostNames="
                + managementHostNames + ", clientAddresses=" + clientAddresses + ", jwksUri=" + jwksUri + ", jwksFile=" + jwksFile + ", jwtHmacSecret=" + (jwtHmacSecret.isPresent() ? "***" : "none")
                + ", jwtClockSkew=" + jwtClockSkew + "]";
    }
}
