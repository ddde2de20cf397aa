package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.testing.TestWebSocket;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code socketway usage} against a real metered gateway with real WebSocket clients, run as {@code main} would. */
@Timeout(60)
class UsageCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsMetersCostStagesRoutesHoursAndTimeouts() throws Exception {
        try (TestGateway gateway = TestGateway.metered()) {
            try (TestWebSocket client = gateway.connect()) {
                TestGateway.idOf(client);
                TestGateway.idOf(client);
            }
            await().atMost(TestGateway.WAIT).until(() ->
                    run("usage", "--endpoint", gateway.endpoint()).out.contains("Connection-minutes      1 "));

            Result r = run("usage", "--endpoint", gateway.endpoint());

            assertThat(r.exit).as(r.err).isZero();
            List<String> lines = r.out.lines().toList();
            assertThat(lines.get(0)).matches("Usage since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, costed at AWS"
                    + " list prices \\(USD\\) as of 2026-11-28");
            assertThat(lines).contains(
                    "METER                   COUNT    COST",
                    "Messages (32 KB units)  4        $0.000004",
                    "  in / out              2 / 2",
                    "Connection-minutes      1        $0.00000025",
                    "Lambda requests         0        $0",
                    "Lambda GB-seconds       0        $0",
                    "Connections opened      1",
                    "Bytes in / out          38 / 32",
                    "Total                            $0.00000425",
                    "STAGE  ROUTE   MESSAGE UNITS  INVOCATIONS  GB-SECONDS  COST",
                    "dev    (all)   4              0            0           $0.00000425",
                    "dev    whoami  2              0            0",
                    "Timeouts: idle PT10M (0 closed), maximum duration PT2H (0 closed)");
            assertThat(lines).anySatisfy(line -> assertThat(line).matches(
                    "\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z  4 +1 +0 +0 +\\$0\\.00000425"));
        }
    }

    @Test
    void printsTheReportAsJsonForScripts() throws Exception {
        try (TestGateway gateway = TestGateway.metered()) {
            Result r = run("usage", "--endpoint", gateway.endpoint(), "--output", "json");

            assertThat(r.exit).as(r.err).isZero();
            JsonNode report = JSON.readTree(r.out);
            assertThat(report.at("/totals/messages").asLong()).isZero();
            assertThat(report.at("/stages/0/stage").asText()).isEqualTo("dev");
            assertThat(report.at("/timeouts/maxDuration").asText()).isEqualTo("PT2H");
        }
    }

    @Test
    void explainsAGatewayWithoutUsage() {
        try (TestGateway gateway = TestGateway.start()) {
            Result r = run("usage", "--endpoint", gateway.endpoint());

            assertThat(r.exit).isEqualTo(1);
            assertThat(r.err).contains("no usage report at /_socketway/usage", "--no-usage");
        }
    }

    @Test
    void offersNoStageOptionSinceTheReportCoversEveryStage() {
        Result help = run("usage", "--help");
        assertThat(help.exit).isZero();
        assertThat(help.out).contains("--endpoint=URL", "For usage,").doesNotContain("--stage=");
        assertThat(run("usage", "--stage", "prod").exit).as("an unknown option").isEqualTo(2);
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Main.commandLine(new ConnectionsCommand(Map.of(), new ByteArrayInputStream(new byte[0]),
                false));
        line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Result(exit, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }

    private record Result(int exit, String out, String err) {}
}
