package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.AccessLogEntry;
import io.socketway.api.spi.AccessLogEntry.EventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Formats render AWS's variables, {@code -} for what does not apply, and always one line. */
class AccessLogFormatTest {
    private static final long T = 1_708_326_702_000L;

    private static AccessLogEntry entry(String userAgent) {
        return new AccessLogEntry(EventType.MESSAGE, "JC1dgf9yoAMCK-g=", "U_vNtdtRIAMCIoA=", "TXzPWdnOjoECGjA=",
                "sendmessage", "dev", "abcde12345", "127.0.0.1:8080", T, T - 5000, "10.0.0.7", userAgent,
                Map.of("accessKey", "AKID"), Map.of("principalId", "ann", "tier", "gold"), 500,
                new AccessLogEntry.Error("Internal server error", "INTEGRATION_FAILURE"),
                new AccessLogEntry.Integration(200, -1, 12, "kaput"), null, null);
    }

    @Test
    void rendersRequestFieldsErrorsIntegrationAndAuthorizerContext() {
        String format = "$context.requestId $context.extendedRequestId $context.requestTime $context.requestTimeEpoch"
                + " $context.connectedAt $context.status $context.error.messageString $context.error.responseType"
                + " $context.integration.status $context.integration.integrationStatus $context.integrationLatency"
                + " $context.integration.error $context.authorizer.principalId $context.authorizer.tier"
                + " $context.identity.accessKey $context.authorize.status $context.waf.error $context.messageDirection.";
        assertThat(AccessLogFormat.compile(format).format(entry("curl"))).isEqualTo("JC1dgf9yoAMCK-g="
                + " JC1dgf9yoAMCK-g= 19/Feb/2024:07:11:42 +0000 1708326702000 1708326697000 500"
                + " \"Internal server error\" INTEGRATION_FAILURE 200 - 12 kaput ann gold AKID - - IN.");
    }

    @Test
    void escapesValuesForJsonFormatsAndControlCharactersEverywhere() {
        String agent = "evil\"agent\\\n{";
        assertThat(AccessLogFormat.compile("{\"ua\":\"$context.identity.userAgent\",\"id\":\"$context.requestId\"}")
                .format(entry(agent))).isEqualTo("{\"ua\":\"evil\\\"agent\\\\\\n{\",\"id\":\"JC1dgf9yoAMCK-g=\"}");
        assertThat(AccessLogFormat.compile("$context.requestId \"$context.identity.userAgent\"").format(entry(agent)))
                .isEqualTo("JC1dgf9yoAMCK-g= \"evil\"agent\\\\n{\"");
    }

    @Test
    void rendersDashForAbsentAndEmptyValues() {
        assertThat(AccessLogFormat.compile("$context.requestId $context.identity.userAgent $context.authorize.latency")
                .format(entry(""))).isEqualTo("JC1dgf9yoAMCK-g= - -");
    }
}
