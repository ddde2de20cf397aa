package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socketway.api.AlarmDefinition;
import io.socketway.api.AlarmDefinition.Comparison;
import io.socketway.api.AlarmDefinition.MissingData;
import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code AWS::CloudWatch::Alarm} resources on the API's metrics become {@link AlarmDefinition}s; alarms on other
 * namespaces are listed as ignored; a property the gateway cannot evaluate is an error naming file, line, resource,
 * property, value and expectation.
 */
class AlarmsTest {
    private final ApiDefinition api = Fixtures.load("alarms/template.yaml");

    @TempDir
    Path dir;

    @Test
    void readsAnApiGatewayAlarmWithEveryProperty() {
        AlarmDefinition slow = api.alarms().get("SlowRoute");

        assertThat(slow.alarmName()).isEqualTo("alarms-slow-sendmessage");
        assertThat(slow.description()).isEqualTo("p99 latency of sendmessage over 500 ms");
        assertThat(slow.namespace()).isEqualTo("AWS/ApiGateway");
        assertThat(slow.metricName()).isEqualTo("IntegrationLatency");
        assertThat(slow.dimensions()).containsExactly(Map.entry("ApiId", api.apiId()), Map.entry("Stage", "prod"),
                Map.entry("Route", "sendmessage"));
        assertThat(slow.statistic()).isEqualTo("p99");
        assertThat(slow.extendedStatistic()).isTrue();
        assertThat(slow.periodSeconds()).isEqualTo(60);
        assertThat(slow.evaluationPeriods()).isEqualTo(5);
        assertThat(slow.datapointsToAlarm()).isEqualTo(3);
        assertThat(slow.threshold()).isEqualTo(500.0);
        assertThat(slow.comparison()).isEqualTo(Comparison.GreaterThanThreshold);
        assertThat(slow.treatMissingData()).isEqualTo(MissingData.notBreaching);
        assertThat(slow.actionsEnabled()).isTrue();
        assertThat(slow.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:ops");
        assertThat(slow.okActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:ops");
    }

    @Test
    void readsAnAlarmOnOurNamespaceWithAwsDefaults() {
        AlarmDefinition abnormal = api.alarms().get("Abnormal");

        assertThat(abnormal.alarmName()).isEqualTo("Abnormal");
        assertThat(abnormal.metricName()).isEqualTo("AbnormalDisconnectShare");
        assertThat(abnormal.dimensions()).isEmpty();
        assertThat(abnormal.datapointsToAlarm()).isEqualTo(1);
        assertThat(abnormal.threshold()).isEqualTo(20.5);
        assertThat(abnormal.treatMissingData()).isEqualTo(MissingData.missing);
        assertThat(abnormal.actionsEnabled()).isFalse();
    }

    @Test
    void theChatExampleShipsAnAbnormalDisconnectionAlarmOnOurMetric() {
        ApiDefinition chat = TemplateLoader.load(Path.of("../examples/chat/template.yaml"),
                TemplateOptions.defaults().withParameterOverrides(Map.of("StageName", "prod")));

        AlarmDefinition alarm = chat.alarms().get("AbnormalDisconnectAlarm");
        assertThat(alarm.namespace()).isEqualTo("Socketway");
        assertThat(alarm.metricName()).isEqualTo("AbnormalDisconnectShare");
        assertThat(alarm.dimensions()).containsExactly(Map.entry("Stage", "prod"));
        assertThat(alarm.alarmActions()).containsExactly("arn:aws:sns:us-east-1:123456789012:chat-ops");
        assertThat(chat.ignored()).extracting(IgnoredItem::path).noneMatch(path -> path.contains("Alarm"));
    }

    @Test
    void ignoresAlarmsOnOtherNamespacesAndPropertiesThatDoNotApply() {
        assertThat(api.alarms()).containsOnlyKeys("SlowRoute", "Abnormal");
        assertThat(api.ignored()).extracting(IgnoredItem::path)
                .contains("Resources.LambdaErrors", "Resources.Abnormal.Properties.Unit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        Namespace: AWS/ApiGateway;MetricName: Latency # <- error                | MetricName                 | "Latency"        | a AWS/ApiGateway metric: ConnectCount, MessageCount, IntegrationError, ClientError, ExecutionError, IntegrationLatency
        Namespace: Socketway;MetricName: Disconnects # <- error                 | MetricName                 | "Disconnects"    | a Socketway metric: ConnectionCount, DisconnectCount, AbnormalDisconnectCount
        Statistic: Median # <- error                                            | Statistic                  | "Median"         | one of SampleCount, Average, Sum, Minimum, Maximum
        `ExtendedStatistic: tm99 # <- error`                                    | ExtendedStatistic          | "tm99"           | a percentile from p0 to p100 such as p99 or p99.9 (trimmed means
        Period: 45 # <- error                                                   | Period                     | 45               | a number of seconds: 10, 20, 30 or a multiple of 60 up to 86400
        DatapointsToAlarm: 3 # <- error                                         | DatapointsToAlarm          | 3                | a number from 1 to EvaluationPeriods (2)
        Threshold: lots # <- error                                              | Threshold                  | "lots"           | a number
        ComparisonOperator: LessThanLowerOrGreaterThanUpperThreshold # <- error | ComparisonOperator         | "LessThanLowerOrGreaterThanUpperThreshold" | GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold (anomaly detection bands are not supported)
        TreatMissingData: zero # <- error                                       | TreatMissingData           | "zero"           | one of missing, ignore, breaching, notBreaching
        Dimensions:;  - Name: Stage;    Value: staging # <- error               | Dimensions[0].Value        | "staging"        | a stage of the API: local
        Dimensions:;  - Name: Route;    Value: nope # <- error                  | Dimensions[0].Value        | "nope"           | a route key of the API: $default
        Dimensions:;  - Name: Region # <- error;    Value: x                    | Dimensions[0].Name         | "Region"         | ApiId, ApiName, Stage or Route
        Dimensions:;  - Name: ApiId;    Value: abcdefghij # <- error            | Dimensions[0].Value        | "abcdefghij"     | !Ref Api (the id of the served API)
        Metrics: [] # <- error                                                  | Metrics                    | []               | MetricName, Namespace and Dimensions (metric math alarms are not supported)
        """)
    void namesResourcePropertyValueAndExpectation(String lines, String property, String value, String expected)
            throws IOException {
        Path file = alarmTemplate(lines.split(";"));
        int line = markedLine(file);

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .startsWith(file + ":" + line + ": Resources.Alarm.Properties." + property + ": " + value
                        + " (expected: ")
                .contains(expected);
        assertThat(error.path()).isEqualTo("Resources.Alarm.Properties." + property);
    }

    @Test
    void namesAMissingRequiredProperty() throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, base() + """
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      Namespace: AWS/ApiGateway
                      MetricName: ClientError
                      Statistic: Sum
                      Period: 60
                      Threshold: 1
                      ComparisonOperator: GreaterThanThreshold
                """);

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        assertThat(error.getMessage()).endsWith(
                "Resources.Alarm.Properties.EvaluationPeriods: (missing) (expected: a number from 1 to 100)");
    }

    /** Writes the error base template plus an alarm whose properties are the defaults overridden by {@code lines}. */
    private Path alarmTemplate(String... lines) throws IOException {
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of(
                "Namespace", "Namespace: AWS/ApiGateway", "MetricName", "MetricName: ExecutionError",
                "Statistic", "Statistic: Sum", "Period", "Period: 60", "EvaluationPeriods", "EvaluationPeriods: 2",
                "Threshold", "Threshold: 1", "ComparisonOperator", "ComparisonOperator: GreaterThanThreshold"));
        List<String> extra = new java.util.ArrayList<>();
        for (String line : lines) {
            String key = line.strip().split(":")[0];
            if (properties.containsKey(key) && !line.startsWith(" ")) {
                properties.put(key, line.strip());
            } else {
                extra.add(line.stripTrailing());
            }
        }
        if (String.join("", lines).contains("ExtendedStatistic")) {
            properties.remove("Statistic");
        }
        StringBuilder yaml = new StringBuilder(base()).append("  Alarm:\n    Type: AWS::CloudWatch::Alarm\n")
                .append("    Properties:\n");
        properties.values().forEach(p -> yaml.append("      ").append(p).append('\n'));
        extra.forEach(p -> yaml.append("      ").append(p).append('\n'));
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String base() throws IOException {
        return Files.readString(Fixtures.fixture("errors/base.yaml"));
    }

    private static int markedLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("# <- error")) {
                return i + 1;
            }
        }
        throw new IllegalStateException(file + " marks no line with # <- error");
    }
}
