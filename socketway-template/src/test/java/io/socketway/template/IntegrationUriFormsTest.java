package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each form of a Lambda {@code IntegrationUri} leads to the template's function; HTTP and MOCK keep their settings. */
class IntegrationUriFormsTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:";
    private final ApiDefinition api = Fixtures.load("integration-uris/template.yaml");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "invocationSub,        Fn",
        "invocationJoin,       Fn",
        "bareArnGetAtt,        Fn",
        "bareArnSub,           Fn",
        "arnWithAlias,         Fn",
        "arnWithLatest,        Fn",
        "literalArn,           Named",
        "stageVariableName,    Named",
        "stageVariableEscaped, Named",
        "lambdaFunction,       Plain",
    })
    void findsTheFunctionTheUriNames(String routeKey, String functionLogicalId) {
        IntegrationDefinition integration = integration(routeKey);

        assertThat(integration.type()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(integration.functionLogicalId()).contains(functionLogicalId);
        assertThat(api.functions()).containsKey(functionLogicalId);
    }

    @Test
    void keepsTheUriAsResolvedWithStageVariablesLeftForTheStage() {
        String invocation = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";
        assertThat(integration("invocationSub").uri()).isEqualTo(invocation + ARN + "integration-uris-Fn/invocations");
        assertThat(integration("bareArnGetAtt").uri()).isEqualTo(ARN + "integration-uris-Fn");
        assertThat(integration("arnWithAlias").uri()).isEqualTo(ARN + "integration-uris-Fn:live");
        assertThat(integration("arnWithLatest").uri()).isEqualTo(ARN + "integration-uris-Fn:$LATEST");
        assertThat(integration("stageVariableName").uri())
                .isEqualTo(invocation + ARN + "${stageVariables.fn}/invocations")
                .isEqualTo(integration("stageVariableEscaped").uri());
    }

    @Test
    void leavesAnAwsProxyOverHttpWithoutATemplateFunction() {
        IntegrationDefinition integration = integration("httpFunction");

        assertThat(integration.type()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(integration.functionLogicalId()).isEmpty();
        assertThat(integration.uri()).isEqualTo("http://localhost:9000/functions/chat");
        assertThat(integration.isHttp()).isTrue();
    }

    @Test
    void readsHttpProxySettings() {
        IntegrationDefinition integration = integration("httpProxy");

        assertThat(integration.type()).isEqualTo(IntegrationType.HTTP_PROXY);
        assertThat(integration.uri()).isEqualTo("http://${stageVariables.backend}/messages");
        assertThat(integration.functionLogicalId()).isEmpty();
        assertThat(integration.method()).isEqualTo("PUT");
        assertThat(integration.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(integration.requestParameters())
                .containsExactly(Map.entry("integration.request.header.connectionId", "context.connectionId"));
    }

    @Test
    void readsMockTemplatesAndTheDefaultIntegrationResponse() {
        IntegrationDefinition integration = integration("$default");

        assertThat(integration.type()).isEqualTo(IntegrationType.MOCK);
        assertThat(integration.uri()).isEmpty();
        assertThat(integration.timeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(integration.templateSelectionExpression()).isEqualTo(Optional.of("\\$default"));
        assertThat(integration.requestTemplates()).containsExactly(Map.entry("$default", "{\"statusCode\": 200}"));
        assertThat(integration.responseTemplates()).containsExactly(Map.entry("$default", "{\"echo\": $input.body}"));
    }

    @Test
    void defaultsMethodAndTimeout() {
        IntegrationDefinition integration = integration("bareArnGetAtt");

        assertThat(integration.method()).isEqualTo("POST");
        assertThat(integration.timeout()).isEqualTo(IntegrationDefinition.DEFAULT_TIMEOUT);
        assertThat(integration.requestTemplates()).isEmpty();
        assertThat(integration.templateSelectionExpression()).isEmpty();
        assertThat(integration.responseTemplates()).isEmpty();
    }

    @Test
    void readsEveryStageInTemplateOrder() {
        assertThat(api.stages()).extracting(stage -> stage.name()).containsExactly("dev", "prod");
        assertThat(api.stage("prod").orElseThrow().variables()).containsEntry("backend", "backend.internal");
    }

    @Test
    void readsAnAwsLambdaFunctionWithALocalCodePath() {
        var plain = api.functions().get("Plain");

        assertThat(plain.functionName()).isEqualTo("integration-uris-Plain");
        assertThat(plain.runtime()).isEqualTo("java11");
        assertThat(plain.codeUri()).isEqualTo(Fixtures.fixture("integration-uris/template.yaml").resolveSibling("plain"));
    }

    private IntegrationDefinition integration(String routeKey) {
        return api.route(routeKey).orElseThrow().integration().orElseThrow();
    }
}
