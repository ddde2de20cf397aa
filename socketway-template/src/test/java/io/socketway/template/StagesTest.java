package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import io.socketway.api.StageDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stages come from Stage resources and from a Deployment's StageName, merged by name in file order. */
class StagesTest {
    private final ApiDefinition api = Fixtures.load("stages/template.yaml");

    @Test
    void mergesDeploymentAndStageResourcesByName() {
        assertThat(api.stages()).containsExactly(
                new StageDefinition("v1", Map.of("color", "green")),
                new StageDefinition("v2_beta", Map.of("color", "blue", "port", "8080")));
    }

    @Test
    void givesTheStageNameForRefOfAStage() {
        assertThat(api.outputs()).containsEntry("Url",
                "wss://" + api.apiId() + ".execute-api.us-east-1.amazonaws.com/v2_beta");
    }

    @Test
    void listsRouteSettingsAsNotApplied() {
        assertThat(api.ignored()).extracting(IgnoredItem::path)
                .containsExactly("Resources.First.Properties.DefaultRouteSettings");
    }
}
