package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.AccessLogSettings;
import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import io.socketway.api.StageDefinition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stages come from Stage resources and from a Deployment's StageName, merged by name in file order. */
class StagesTest {
    private final ApiDefinition api = Fixtures.load("stages/template.yaml");

    @Test
    void mergesDeploymentAndStageResourcesByName() {
        assertThat(api.stages()).containsExactly(
                new StageDefinition("v1", Map.of("color", "green"), true, Map.of("sendmessage", false)),
                new StageDefinition("v2_beta", Map.of("color", "blue", "port", "8080"), false,
                        Map.of("sendmessage", false), Optional.of(new AccessLogSettings(
                                "arn:aws:logs:us-east-1:123456789012:log-group:ws-access",
                                "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\"}"))));
    }

    @Test
    void readsDetailedMetricsPerStageAndRoute() {
        StageDefinition v1 = api.stage("v1").orElseThrow();
        assertThat(v1.detailedMetrics("$default")).isTrue();
        assertThat(v1.detailedMetrics("sendmessage")).isFalse();
        assertThat(api.stage("v2_beta").orElseThrow().detailedMetrics("$default")).isFalse();
    }

    @Test
    void givesTheStageNameForRefOfAStage() {
        assertThat(api.outputs()).containsEntry("Url",
                "wss://" + api.apiId() + ".execute-api.us-east-1.amazonaws.com/v2_beta");
    }

    @Test
    void listsRouteSettingsOtherThanDetailedMetricsAndUnknownAccessLogSettingsAsNotApplied() {
        assertThat(api.ignored()).extracting(IgnoredItem::path).containsExactly(
                "Resources.Second.Properties.AccessLogSettings.Sampling",
                "Resources.First.Properties.DefaultRouteSettings.ThrottlingBurstLimit");
    }

    @Test
    void readsAccessLogSettingsOfTheStagesThatHaveThem() {
        assertThat(api.stage("v1").orElseThrow().accessLogSettings()).isEmpty();
        assertThat(api.stage("v2_beta").orElseThrow().accessLogSettings()).hasValueSatisfying(settings ->
                assertThat(settings.format()).startsWith("{\"requestId\":\"$context.requestId\""));
    }
}
