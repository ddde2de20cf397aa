package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketway.core.SecuritySettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How the management options of {@code socketway run} become {@link SecuritySettings}. */
class SecurityOptionsTest {

    private static SecuritySettings parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run.security.settings();
    }

    @Test
    void unsignedCallsNameOnlyLoopbackByDefault() {
        assertThat(parse("template.yaml").managementHostNames()).isEmpty();
    }

    @Test
    void managementHostNamesAreRepeatableCommaSeparatedAndLowerCased() {
        assertThat(parse("template.yaml", "--management-host", "Gateway.Test,dev.internal",
                "--management-host", "ws.example").managementHostNames())
                .containsExactly("gateway.test", "dev.internal", "ws.example");
    }

    @Test
    void namesABadHostName() {
        assertThatThrownBy(() -> parse("template.yaml", "--management-host", "gateway.test:8080"))
                .hasMessage("--management-host: gateway.test:8080 (expected: a host name without a port or scheme,"
                        + " such as gateway.test)");
        assertThatThrownBy(() -> parse("template.yaml", "--management-host", "http://gateway.test"))
                .hasMessageStartingWith("--management-host: http://gateway.test (expected");
    }

    @Test
    void trustedProxiesAndProxyProtocol() {
        SecuritySettings settings = parse("template.yaml", "--trusted-proxy", "10.0.0.0/8, 127.0.0.1",
                "--trusted-proxy", "fd00::/8", "--proxy-protocol");
        assertThat(settings.clientAddresses().trustedProxies()).containsExactly("10.0.0.0/8", "127.0.0.1", "fd00::/8");
        assertThat(settings.clientAddresses().proxyProtocol()).isTrue();
        assertThat(parse("template.yaml").clientAddresses()).isEqualTo(io.socketway.core.ClientAddressSettings.DEFAULT);
        assertThatThrownBy(() -> parse("template.yaml", "--trusted-proxy", "lb.internal"))
                .hasMessageStartingWith("--trusted-proxy: lb.internal (expected: an IP address or a CIDR range");
        assertThatThrownBy(() -> parse("template.yaml", "--trusted-proxy", "10.0.0.0/33"))
                .hasMessage("--trusted-proxy: 10.0.0.0/33 (expected: a prefix length from 0 to 32)");
        assertThatThrownBy(() -> parse("template.yaml", "--trusted-proxy", "::ffff:10.0.0.0/104"))
                .as("an IPv4-mapped address is IPv4").hasMessageContaining("from 0 to 32");
        assertThatThrownBy(() -> parse("template.yaml", "--trusted-proxy", "300.1.1.1"))
                .hasMessageStartingWith("--trusted-proxy: 300.1.1.1 (expected: an IP address");
    }
}
