package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IgnoredItem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Functions: Globals merging, Lambda defaults, code paths and runtimes the gateway cannot run in-process. */
class FunctionsTest {
    private final Path directory = Fixtures.fixture("functions/template.yaml").getParent();
    private final ApiDefinition api = Fixtures.load("functions/template.yaml");

    @Test
    void mergesGlobalsWithTheFunctionWinningKeyByKey() {
        FunctionDefinition a = api.functions().get("FnA");

        assertThat(a.environment()).containsExactly(
                Map.entry("A", "global"), Map.entry("B", "own"), Map.entry("C", "42"));
        assertThat(a.runtime()).isEqualTo("java21");
        assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.memorySizeMb()).isEqualTo(256);
        assertThat(a.codeUri()).isEqualTo(directory.resolve("build/app.jar"));
        assertThat(a.reservedConcurrentExecutions()).isEqualTo(OptionalInt.of(5));
        assertThat(a.functionName()).isEqualTo("functions-FnA");
    }

    @Test
    void letsPropertiesTheFunctionSetsReplaceGlobals() {
        FunctionDefinition b = api.functions().get("FnB");

        assertThat(b.functionName()).isEqualTo("functions-bee");
        assertThat(b.handler()).isEqualTo("example.B");
        assertThat(b.runtime()).isEqualTo("java17");
        assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(900));
        assertThat(b.memorySizeMb()).isEqualTo(10_240);
        assertThat(b.codeUri()).isEqualTo(directory.getParent().resolve("b"));
    }

    @Test
    void appliesNoGlobalsToAwsLambdaFunctions() {
        FunctionDefinition lambda = api.functions().get("LambdaFn");

        assertThat(lambda.runtime()).isEqualTo("java25");
        assertThat(lambda.timeout()).isEqualTo(FunctionDefinition.DEFAULT_TIMEOUT);
        assertThat(lambda.memorySizeMb()).isEqualTo(FunctionDefinition.DEFAULT_MEMORY_MB);
        assertThat(lambda.environment()).isEmpty();
        assertThat(lambda.codeUri()).isEqualTo(directory.resolve("lambda-code"));
    }

    @Test
    void ignoresFunctionsInOtherLanguagesThatNoIntegrationCalls() {
        assertThat(api.functions().keySet()).containsExactly("FnA", "FnB", "LambdaFn");
        assertThat(api.ignored()).extracting(IgnoredItem::path).contains("Resources.PyFn", "Resources.NodeFn");
        assertThat(api.ignored()).filteredOn(item -> item.path().equals("Resources.PyFn")).singleElement()
                .extracting(IgnoredItem::reason).asString().contains("python3.12");
    }

    @Test
    void givesTheFunctionNameForRefAndItsArnForGetAtt() {
        assertThat(api.outputs()).containsExactly(
                Map.entry("BeeName", "functions-bee"),
                Map.entry("BeeArn", "arn:aws:lambda:us-east-1:123456789012:function:functions-bee"));
    }

    @Test
    void listsGlobalPropertiesThatDoNotApplyOnce() {
        assertThat(api.ignored()).extracting(IgnoredItem::path).containsOnlyOnce("Globals.Function.Tracing");
    }
}
