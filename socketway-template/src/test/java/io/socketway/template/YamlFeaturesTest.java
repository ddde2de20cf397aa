package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socketway.api.ApiDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML features that {@code sam deploy} and {@code aws cloudformation package} resolve before CloudFormation sees a
 * template (anchors, aliases and merge keys), so templates that use them must load here too; and what is refused.
 */
class YamlFeaturesTest {
    private static final String API = """
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties: {Name: yaml, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
            """;

    @TempDir
    Path dir;

    @Test
    void mergeKeysBringInDefaultsAndTheMappingsOwnKeysWin() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), API + """
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      <<: &defaults
                        Handler: example.Handler
                        Runtime: java21
                        CodeUri: build/fn.jar
                        Environment:
                          Variables: &vars {A: one, B: two}
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      <<: *defaults
                      Handler: example.Other
                      Environment:
                        Variables:
                          <<: [*vars, {A: later, C: three}]
                          B: overridden
                """);

        ApiDefinition api = TemplateLoader.load(template);

        assertThat(api.functions().get("Fn").handler()).isEqualTo("example.Handler");
        assertThat(api.functions().get("Other").handler()).isEqualTo("example.Other");
        assertThat(api.functions().get("Other").runtime()).isEqualTo("java21");
        assertThat(api.functions().get("Other").environment())
                .as("the mapping's own keys win, then earlier merged mappings over later ones")
                .containsEntry("A", "one").containsEntry("B", "overridden").containsEntry("C", "three");
    }

    @Test
    void manyAliasesLoad() throws IOException {
        StringBuilder outputs = new StringBuilder("Outputs:\n  First:\n    Value: &value [a, b]\n");
        for (int i = 0; i < 400; i++) {
            outputs.append("  Out").append(i).append(":\n    Value: !Join [',', *value]\n");
        }
        Path template = Files.writeString(dir.resolve("template.yaml"), API + outputs);

        assertThat(TemplateLoader.load(template).outputs()).containsEntry("Out399", "a,b");
    }

    @Test
    void aliasesThatMultiplyTheTemplateAreRefused() throws IOException {
        StringBuilder bomb = new StringBuilder("Metadata:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 8; i++) {
            bomb.append("  l").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            bomb.append("]\n");
        }
        Path template = Files.writeString(dir.resolve("template.yaml"), bomb + API);

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(template));

        assertThat(error.getMessage()).contains("values once aliases are expanded");
    }

    @Test
    void aLongScalarAliasedManyTimesIsRefused() throws IOException {
        StringBuilder template = new StringBuilder(API).append("Metadata:\n  Long: &s ").append("x".repeat(200_000))
                .append("\n  Copies: [");
        for (int i = 0; i < 1_000; i++) {
            template.append(i == 0 ? "" : ", ").append("*s");
        }
        Path file = Files.writeString(dir.resolve("template.yaml"), template.append("]\n"));

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        assertThat(error.getMessage()).contains("characters once aliases are expanded");
    }
}
