package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Conditions skip resources and outputs; Fn::If with AWS::NoValue removes a property. */
class ConditionsTest {
    private final ApiDefinition dev = Fixtures.load("conditions/template.yaml");
    private final ApiDefinition prod = Fixtures.load("conditions/template.yaml",
            TemplateOptions.defaults().withParameterOverrides(Map.of("Env", "prod")));

    @Test
    void skipsResourcesWhoseConditionIsFalse() {
        assertThat(dev.routes().keySet()).containsExactly("$default");
        assertThat(prod.routes().keySet()).containsExactly("$default", "audit");
        assertThat(dev.ignored()).extracting(IgnoredItem::path).doesNotContain("Resources.ProdTable");
        assertThat(prod.ignored()).extracting(IgnoredItem::path).contains("Resources.ProdTable");
    }

    @Test
    void removesPropertiesThatEvaluateToNoValue() {
        assertThat(dev.functions().get("Fn").reservedConcurrentExecutions()).isEqualTo(OptionalInt.empty());
        assertThat(prod.functions().get("Fn").reservedConcurrentExecutions()).isEqualTo(OptionalInt.of(10));
        assertThat(dev.functions().get("Fn").environment())
                .containsExactly(Map.entry("ENV", "dev"), Map.entry("VERBOSE", "yes"));
        assertThat(prod.functions().get("Fn").environment()).containsExactly(Map.entry("ENV", "prod"));
        assertThat(dev.stages().get(0).variables())
                .containsExactly(Map.entry("mode", "relaxed"), Map.entry("debug", "true"));
        assertThat(prod.stages().get(0).variables()).containsExactly(Map.entry("mode", "strict"));
    }

    @Test
    void fallsBackToDefaultsWhenAPropertyIsRemoved() {
        var devIntegration = dev.route("$default").orElseThrow().integration().orElseThrow();
        var prodIntegration = prod.route("$default").orElseThrow().integration().orElseThrow();

        assertThat(devIntegration.timeout()).isEqualTo(Duration.ofMillis(29_000));
        assertThat(prodIntegration.timeout()).isEqualTo(Duration.ofMillis(10_000));
    }

    @Test
    void skipsOutputsWhoseConditionIsFalse() {
        assertThat(dev.outputs()).containsExactly(Map.entry("Mode", "relaxed"));
        assertThat(prod.outputs()).containsExactly(Map.entry("AuditTable", "audit"), Map.entry("Mode", "strict"));
    }
}
