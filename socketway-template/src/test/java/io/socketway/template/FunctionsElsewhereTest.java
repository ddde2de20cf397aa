package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IntegrationDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a function's code comes from when it does not run in-process (a Lambda Invoke API such as
 * {@code sam local start-lambda}, a URL per function, a CDK asset), and how the command line's code check names a
 * missing or unbuilt function.
 */
class FunctionsElsewhereTest {
    /** The Python function of this fixture, called in-process, is an error without these options. */
    private static final Path PYTHON = Fixtures.fixture("errors/runtime-not-java.yaml");

    @Test
    void aLambdaEndpointRunsFunctionsInOtherLanguages() {
        ApiDefinition api = TemplateLoader.load(PYTHON,
                TemplateOptions.defaults().withLambdaEndpoint("http://127.0.0.1:3001/"));

        IntegrationDefinition integration = api.routes().get("$default").integration().orElseThrow();
        assertThat(integration.uri()).isEqualTo("http://127.0.0.1:3001/2015-03-31/functions/Fn/invocations");
        assertThat(integration.functionLogicalId()).isEmpty();
        assertThat(api.functions()).isEmpty();
    }

    @Test
    void aFunctionUrlSendsOneFunctionElsewhereWhateverItsLanguage() {
        ApiDefinition api = TemplateLoader.load(PYTHON, TemplateOptions.defaults()
                .withFunctionUrls(Map.of("Fn", "http://127.0.0.1:9000/fn")));

        assertThat(api.routes().get("$default").integration().orElseThrow().uri())
                .isEqualTo("http://127.0.0.1:9000/fn");
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateLoader.load(PYTHON, TemplateOptions.defaults()
                        .withFunctionUrls(Map.of("Nope", "http://127.0.0.1:9000/"))))
                .withMessage("--function-url: Nope=http://127.0.0.1:9000/ (expected: the logical id of a function in "
                        + PYTHON + ": Fn)");
    }

    @Test
    void codeThatDoesNotExistIsNamedWithItsLineWhenRequired(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), java("CodeUri: build/missing.jar"));

        assertThat(TemplateLoader.load(template).functions()).as("loading alone does not need the code").hasSize(1);
        TemplateException error = catchThrowableOfType(TemplateException.class,
                () -> TemplateLoader.load(template, TemplateOptions.defaults().withCodeRequired(true)));
        assertThat(error.getMessage()).startsWith(template + ":26: Resources.Fn.Properties.CodeUri: \"build/missing.jar\""
                + " (expected: an existing jar, zip or classes directory; " + dir.resolve("build/missing.jar")
                + " does not exist (build the function first)");
    }

    @Test
    void aMavenProjectAsCodeUriAsksForItsBuild(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("WsFunction/src/main/java"));
        Files.writeString(dir.resolve("WsFunction/pom.xml"), "<project/>");
        Path template = Files.writeString(dir.resolve("template.yaml"), java("CodeUri: WsFunction"));

        TemplateException error = catchThrowableOfType(TemplateException.class,
                () -> TemplateLoader.load(template, TemplateOptions.defaults().withCodeRequired(true)));
        assertThat(error.getMessage()).contains("Resources.Fn.Properties.CodeUri: \"WsFunction\"",
                "is a Maven or Gradle project; run sam build and serve .aws-sam/build/template.yaml");
        Path built = dir.resolve(".aws-sam/build/template.yaml");
        assertThat(TemplateOptions.defaults().stackNameFor(built)).as("sam build's copy keeps the project's name")
                .isEqualTo(TemplateOptions.defaults().stackNameFor(template));
    }

    @Test
    void aCdkAssetIsFoundThroughItsMetadata(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("asset.1234abcd"));
        Path template = Files.writeString(dir.resolve("Stack.template.json"), """
                {"Resources": {
                  "Api": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "cdk", "ProtocolType": "WEBSOCKET",
                      "RouteSelectionExpression": "$request.body.action"}},
                  "Route": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Api"},
                      "RouteKey": "$default", "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "Integration"}]]}}},
                  "Integration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"ApiId": {"Ref": "Api"},
                      "IntegrationType": "AWS_PROXY", "IntegrationUri": {"Fn::Join": ["", ["arn:aws:apigateway:",
                      {"Ref": "AWS::Region"}, ":lambda:path/2015-03-31/functions/", {"Fn::GetAtt": ["Handler", "Arn"]},
                      "/invocations"]]}}},
                  "Handler": {"Type": "AWS::Lambda::Function",
                      "Properties": {"Runtime": "java21", "Handler": "example.Echo::handleRequest",
                          "Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"},
                                   "S3Key": "0123abcd.zip"}},
                      "Metadata": {"aws:asset:path": "asset.1234abcd", "aws:asset:is-bundled": false,
                          "aws:asset:property": "Code"}}}}
                """);

        ApiDefinition api = TemplateLoader.load(template, TemplateOptions.defaults().withCodeRequired(true));

        assertThat(api.functions().get("Handler").codeUri()).isEqualTo(dir.resolve("asset.1234abcd"));
    }

    @Test
    void aServiceIntegrationLoadsAndIsListedAsNotRun(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), java("CodeUri: build/fn.jar") + """
                  Queue:
                    Type: AWS::SQS::Queue
                  SqsRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: enqueue
                      Target: !Sub integrations/${SqsIntegration}
                  SqsIntegration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS
                      IntegrationMethod: POST
                      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${Queue.QueueName}
                      RequestTemplates:
                        $default: Action=SendMessage&MessageBody=$util.urlEncode($input.body)
                """);

        ApiDefinition api = TemplateLoader.load(template);

        assertThat(api.routes().get("enqueue").integration().orElseThrow().type())
                .isEqualTo(io.socketway.api.IntegrationType.UNSUPPORTED);
        assertThat(api.routes().get("$default").integration().orElseThrow().type())
                .isEqualTo(io.socketway.api.IntegrationType.AWS_PROXY);
        assertThat(api.ignored()).anySatisfy(item -> {
            assertThat(item.path()).isEqualTo("Resources.SqsIntegration.Properties.IntegrationType");
            assertThat(item.reason()).contains("an AWS service integration", "routes answer Internal server error");
        });
    }

    /** A template with one Java function whose code line (line 26) is {@code codeLine}. */
    private static String java(String codeLine) {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: code
                      ProtocolType: WEBSOCKET
                      RouteSelectionExpression: $request.body.action
                  Route:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $default
                      Target: !Sub integrations/${Integration}
                  Integration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Echo::handleRequest
                      Runtime: java21
                """ + "      " + codeLine + "\n";
    }
}
