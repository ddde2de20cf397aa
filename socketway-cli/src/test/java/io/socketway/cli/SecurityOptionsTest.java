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
}
