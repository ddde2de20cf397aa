package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every intrinsic function gives the same value in its long ({@code Fn::Join}) and short ({@code !Join}) form. */
class IntrinsicFunctionsTest {
    private static final String ACCOUNT_REGION = "us-east-1:123456789012";

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void evaluatesRefOfParametersResourcesAndPseudoParameters(String template) {
        Map<String, String> outputs = Fixtures.load(template).outputs();

        assertThat(outputs).containsEntry("RefParam", "prod")
                .containsEntry("RefList", "a,b,c")
                .containsEntry("RefNumberList", "80,443")
                .containsEntry("RefNumber", "3")
                .containsEntry("RefSsm", "/my/param")
                .containsEntry("RefTable", "intrinsics-table")
                .containsEntry("RefBucket", "intrinsics-Bucket")
                .containsEntry("RefQueue", "https://sqs.us-east-1.amazonaws.com/123456789012/intrinsics-Queue")
                .containsEntry("RefTopic", "arn:aws:sns:" + ACCOUNT_REGION + ":intrinsics-Topic")
                .containsEntry("RefFunction", "intrinsics-Fn")
                .containsEntry("Pseudo", "us-east-1|123456789012|intrinsics|aws|amazonaws.com");
        assertThat(outputs.get("StackId")).startsWith("arn:aws:cloudformation:" + ACCOUNT_REGION + ":stack/intrinsics/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void evaluatesGetAttOfTheApiFunctionsAndResourcesTheGatewayDoesNotRun(String template) {
        ApiDefinition api = Fixtures.load(template);

        assertThat(api.outputs())
                .containsEntry("GetAttEndpoint", "wss://" + api.apiId() + ".execute-api.us-east-1.amazonaws.com")
                .containsEntry("GetAttApiId", api.apiId())
                .containsEntry("GetAttTableArn", "arn:aws:dynamodb:" + ACCOUNT_REGION + ":table/intrinsics-table")
                .containsEntry("GetAttTableStream", "arn:aws:dynamodb:" + ACCOUNT_REGION
                        + ":table/intrinsics-table/stream/2026-01-01T00:00:00.000")
                .containsEntry("GetAttRoleArn", "arn:aws:iam::123456789012:role/intrinsics-Role")
                .containsEntry("GetAttBucketArn", "arn:aws:s3:::intrinsics-Bucket")
                .containsEntry("GetAttFunctionArn", "arn:aws:lambda:" + ACCOUNT_REGION + ":function:intrinsics-Fn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void evaluatesStringAndListFunctions(String template) {
        Map<String, String> outputs = Fixtures.load(template).outputs();

        assertThat(outputs)
                .containsEntry("Sub", "us-east-1/prod/intrinsics-table/arn:aws:lambda:" + ACCOUNT_REGION
                        + ":function:intrinsics-Fn/${Literal}")
                .containsEntry("SubWithVariables", "Hello, prod!")
                .containsEntry("Join", "a-prod-b")
                .containsEntry("Select", "c")
                .containsEntry("Split", "x+y+z")
                .containsEntry("FindInMap", "ami-123")
                .containsEntry("FindInMapList", "x,y")
                .containsEntry("FindInMapDefault", "ami-default")
                .containsEntry("FindInMapFound", "ami-123")
                .containsEntry("Base64", "aGVsbG8=")
                .containsEntry("GetAZs", "us-east-1a,us-east-1b,us-east-1c")
                .containsEntry("GetAZsOfRegion", "eu-west-1a,eu-west-1b,eu-west-1c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void evaluatesConditionFunctionsAndIf(String template) {
        Map<String, String> outputs = Fixtures.load(template).outputs();

        assertThat(outputs)
                .containsEntry("If", "yes-prod")
                .containsEntry("IfNoValue", "a,c")
                .containsEntry("IfConditionFunctions", "either")
                .containsEntry("OnlyInProd", "prod-only")
                .doesNotContainKey("OnlyInDev");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void flipsConditionsWithAParameterOverride(String template) {
        Map<String, String> outputs = Fixtures.load(template,
                TemplateOptions.defaults().withParameterOverrides(Map.of("Env", "dev"))).outputs();

        assertThat(outputs)
                .containsEntry("If", "not-prod")
                .containsEntry("IfNoValue", "a,b,c")
                .containsEntry("IfConditionFunctions", "either")
                .containsEntry("OnlyInDev", "dev-only")
                .doesNotContainKey("OnlyInProd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void followsRegionAccountAndStackNameOptions(String template) {
        TemplateOptions options = TemplateOptions.defaults()
                .withRegion("eu-central-1").withAccountId("999999999999").withStackName("other");

        Map<String, String> outputs = Fixtures.load(template, options).outputs();

        assertThat(outputs)
                .containsEntry("Pseudo", "eu-central-1|999999999999|other|aws|amazonaws.com")
                .containsEntry("GetAZs", "eu-central-1a,eu-central-1b,eu-central-1c")
                .containsEntry("RefTable", "other-table")
                .containsEntry("FindInMap", "ami-456")
                .containsEntry("GetAttFunctionArn", "arn:aws:lambda:eu-central-1:999999999999:function:other-Fn");
    }

    @Test
    void givesTheSameOutputsInBothForms() {
        assertThat(Fixtures.load("intrinsics/long-form.yaml").outputs())
                .containsExactlyEntriesOf(Fixtures.load("intrinsics/short-form.yaml").outputs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"intrinsics/short-form.yaml", "intrinsics/long-form.yaml"})
    void evaluatesLanguageExtensionsAndWhatSamGeneratesForAFunction(String template) {
        Map<String, String> outputs = Fixtures.load(template).outputs();
        String function = "arn:aws:lambda:" + ACCOUNT_REGION + ":function:intrinsics-Fn";

        assertThat(outputs)
                .containsEntry("ToJsonString", "{\"name\":\"prod\",\"ports\":[80,443],\"on\":true,\"yes\":true,"
                        + "\"big\":1.5e+3,\"none\":null}")
                .containsEntry("Length", "3")
                .containsEntry("AliasRef", function + ":live")
                .containsEntry("AliasLogicalId", function + ":live")
                .containsEntry("VersionRef", function + ":1")
                .containsEntry("GeneratedRole", "arn:aws:iam::123456789012:role/intrinsics-FnRole")
                .containsEntry("AliasInSub", function + ":live|" + function + ":live|" + function + ":1|"
                        + "arn:aws:iam::123456789012:role/intrinsics-FnRole");
    }

    @Test
    void givesTheChinaAndGovCloudPartitionsTheirOwnArnsAndSuffix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path template = java.nio.file.Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties: {Name: p, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: example.Handler, Runtime: java21, CodeUri: build/fn.jar}
                Outputs:
                  Pseudo:
                    Value: !Sub ${AWS::Partition}|${AWS::URLSuffix}
                  FunctionArn:
                    Value: !GetAtt Fn.Arn
                  Url:
                    Value: !GetAtt Api.ApiEndpoint
                """);

        ApiDefinition china = TemplateLoader.load(template, TemplateOptions.defaults().withRegion("cn-north-1"));

        assertThat(china.outputs())
                .containsEntry("Pseudo", "aws-cn|amazonaws.com.cn")
                .containsEntry("FunctionArn", "arn:aws-cn:lambda:cn-north-1:123456789012:function:" + dir.getFileName()
                        .toString().replaceAll("[^A-Za-z0-9-]+", "-").replaceAll("^-+|-+$", "") + "-Fn")
                .containsEntry("Url", "wss://" + china.apiId() + ".execute-api.cn-north-1.amazonaws.com.cn");
        assertThat(china.awsDomainName()).endsWith(".amazonaws.com.cn");
        assertThat(TemplateLoader.load(template, TemplateOptions.defaults().withRegion("us-gov-west-1")).outputs())
                .containsEntry("Pseudo", "aws-us-gov|amazonaws.com");
    }

    @Test
    void samReferencesReadGlobalsAndNeverLoopThroughOtherFunctions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path template = java.nio.file.Files.writeString(dir.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    AutoPublishAlias: live
                    Runtime: java21
                    CodeUri: build/fn.jar
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties: {Name: g, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      FunctionName: !Sub ${Api.ApiId}-fn
                Outputs:
                  Alias:
                    Value: !Ref Fn.Alias
                  AliasInSub:
                    Value: !Sub ${FnAliaslive}
                """);

        ApiDefinition api = TemplateLoader.load(template);

        String arn = "arn:aws:lambda:" + ACCOUNT_REGION + ":function:" + api.apiId() + "-fn:live";
        assertThat(api.outputs()).containsEntry("Alias", arn).containsEntry("AliasInSub", arn);
    }
}
