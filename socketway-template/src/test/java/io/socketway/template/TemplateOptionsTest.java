package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Options: defaults, copies, validation, the derived stack name and the choice among WebSocket APIs. */
class TemplateOptionsTest {

    @Test
    void defaultsToUsEast1AndTheDocumentationAccount() {
        TemplateOptions options = TemplateOptions.defaults();

        assertThat(options.region()).isEqualTo("us-east-1");
        assertThat(options.accountId()).isEqualTo("123456789012");
        assertThat(options.parameterOverrides()).isEmpty();
        assertThat(options.stackName()).isEmpty();
        assertThat(options.apiLogicalId()).isEmpty();
    }

    @Test
    void copiesWithOneChange() {
        Map<String, String> overrides = new HashMap<>(Map.of("Env", "prod"));
        TemplateOptions options = TemplateOptions.defaults().withParameterOverrides(overrides)
                .withRegion("eu-west-1").withAccountId("000000000000").withStackName("chat").withApiLogicalId("Api");
        overrides.put("Env", "changed later");

        assertThat(options).isEqualTo(new TemplateOptions(
                Map.of("Env", "prod"), "eu-west-1", "000000000000", Optional.of("chat"), Optional.of("Api")));
    }

    @Test
    void rejectsMalformedValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateOptions.defaults().withRegion("moon"))
                .withMessage("region: moon (expected: an AWS region such as us-east-1)");
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateOptions.defaults().withAccountId("42"))
                .withMessage("accountId: 42 (expected: 12 digits)");
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateOptions.defaults().withStackName("my stack"))
                .withMessage("stackName: my stack (expected: 1 to 128 letters, digits or hyphens)");
    }

    @Test
    void derivesTheStackNameFromTheTemplatesDirectory() {
        TemplateOptions options = TemplateOptions.defaults();

        assertThat(options.stackNameFor(Path.of("/work/My Project_1/template.yaml"))).isEqualTo("My-Project-1");
        assertThat(options.stackNameFor(Path.of("/template.yaml"))).isEqualTo("template");
        assertThat(options.stackNameFor(Path.of("/__/chat.app.yaml"))).isEqualTo("chat-app");
        assertThat(options.withStackName("given").stackNameFor(Path.of("/work/x/template.yaml"))).isEqualTo("given");
    }

    @Test
    void derivesTheApiIdFromStackNameAndLogicalId() {
        ApiDefinition chat = Fixtures.load("chat/template.yaml");
        ApiDefinition renamed = Fixtures.load("chat/template.yaml", TemplateOptions.defaults().withStackName("other"));

        assertThat(Fixtures.load("chat/template.yaml", TemplateOptions.defaults().withStackName("chat")).apiId())
                .isEqualTo(chat.apiId());
        assertThat(renamed.apiId()).matches("[a-z0-9]{10}").isNotEqualTo(chat.apiId());
        assertThat(renamed.stackName()).isEqualTo("other");
    }

    @Test
    void servesTheWebSocketApiTheOptionNames() {
        ApiDefinition api = Fixtures.load("errors/two-websocket-apis.yaml",
                TemplateOptions.defaults().withApiLogicalId("Api2"));

        assertThat(api.logicalId()).isEqualTo("Api2");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.type");
        assertThat(api.routes()).isEmpty();
        assertThat(api.ignored()).contains(
                new IgnoredItem("Resources.Api", "another WebSocket API; Socketway serves Api2"),
                new IgnoredItem("Resources.Route", "AWS::ApiGatewayV2::Route of API Api, which Socketway does not serve"));
    }
}
