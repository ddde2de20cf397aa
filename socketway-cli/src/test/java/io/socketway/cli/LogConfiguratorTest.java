package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Application log lines are text or JSON, and carry the request id while a request runs. */
class LogConfiguratorTest {

    private static List<String> log(LogConfigurator.LogFormat format) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogConfigurator.install(context, format, out);
        Logger logger = context.getLogger("io.socketway.core.Gateway");
        MDC.put("requestId", "JC1dgf9yoAMCK-g=");
        try {
            logger.warn("Route {} failed", "sendmessage");
        } finally {
            MDC.remove("requestId");
        }
        logger.info("Started");
        context.stop();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonLinesAreOneObjectEachWithLevelLoggerMessageAndRequestId() throws Exception {
        List<String> lines = log(LogConfigurator.LogFormat.JSON);

        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("loggerName").asText()).isEqualTo("io.socketway.core.Gateway");
        assertThat(first.get("formattedMessage").asText()).isEqualTo("Route sendmessage failed");
        assertThat(first.at("/mdc/requestId").asText()).isEqualTo("JC1dgf9yoAMCK-g=");
        assertThat(first.get("timestamp").asLong()).isPositive();
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.at("/mdc/requestId").isMissingNode()).isTrue();
    }

    @Test
    void textLinesShowTheRequestIdOnlyWhenThereIsOne() {
        List<String> lines = log(LogConfigurator.LogFormat.TEXT);

        assertThat(lines.get(0)).matches(
                "\\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN  i\\.socketway\\.core\\.Gateway \\[JC1dgf9yoAMCK-g=] - Route sendmessage failed");
        assertThat(lines.get(1)).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  i\\.socketway\\.core\\.Gateway - Started");
    }

    @Test
    void namesAnUnknownFormat() {
        assertThat(LogConfigurator.parse("JSON")).isEqualTo(LogConfigurator.LogFormat.JSON);
        assertThatThrownBy(() -> LogConfigurator.parse("xml"))
                .hasMessage("--log-format: xml (expected: text or json)");
    }
}
