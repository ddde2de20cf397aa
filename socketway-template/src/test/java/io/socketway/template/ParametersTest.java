package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters take their Default unless an override replaces it; list types give lists. */
class ParametersTest {
    private static final TemplateOptions SECRET = TemplateOptions.defaults()
            .withParameterOverrides(Map.of("Secret", "s3cr3t"));

    @Test
    void usesDefaultsAndTheRequiredOverride() {
        ApiDefinition api = Fixtures.load("parameters/template.yaml", SECRET);

        assertThat(api.name()).isEqualTo("params-dev");
        assertThat(api.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.name()).isEqualTo("dev");
            assertThat(stage.variables()).containsExactly(
                    Map.entry("secret", "s3cr3t"), Map.entry("firstOrigin", "https://a.example"));
        });
        assertThat(api.functions().get("Fn").memorySizeMb()).isEqualTo(256);
        assertThat(api.outputs()).containsEntry("Origins", "https://a.example https://b.example");
    }

    @Test
    void appliesOverridesOfEveryType() {
        ApiDefinition api = Fixtures.load("parameters/template.yaml", SECRET.withParameterOverrides(Map.of(
                "Secret", "x", "StageName", "prod", "Memory", "1024", "Origins", "https://c.example")));

        assertThat(api.name()).isEqualTo("params-prod");
        assertThat(api.stages()).singleElement().extracting(stage -> stage.name()).isEqualTo("prod");
        assertThat(api.functions().get("Fn").memorySizeMb()).isEqualTo(1024);
        assertThat(api.outputs()).containsEntry("Origins", "https://c.example");
    }
}
