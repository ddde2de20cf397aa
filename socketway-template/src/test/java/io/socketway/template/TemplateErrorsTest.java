package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every error names the file, the line, the path, the value and what was expected. Each fixture under
 * {@code errors/} marks the line the error must name with {@code # <- error}.
 */
class TemplateErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        yaml-syntax                        |                                                          | mapping values are not allowed here | well-formed YAML or JSON
        not-a-mapping                      |                                                          | ["just", "a list"] | a mapping with a Resources section
        duplicate-key                      | Resources.Fn.Properties.Runtime                          | "Runtime"          | each key once in a mapping; it is already on line 25
        unknown-intrinsic-short            | Resources.Fn.Properties.Handler                          | "!Foo"             | an intrinsic function: Condition, Fn::And,
        unknown-intrinsic-long             | Resources.Integration.Properties.IntegrationUri          | "Fn::Foo"          | an intrinsic function: Condition, Fn::And,
        unsupported-intrinsic              | Resources.Fn.Properties.CodeUri                          | "Fn::Cidr"         | an intrinsic function Socketway evaluates:
        import-value                       | Resources.Integration.Properties.IntegrationUri.Fn::ImportValue | "shared-function-arn" | no Fn::ImportValue: Socketway runs one stack
        ref-unknown                        | Resources.Route.Properties.ApiId.Ref                     | "Nope"             | the name of a parameter, a resource or a pseudo parameter
        getatt-unknown                     | Resources.Integration.Properties.IntegrationUri.Fn::GetAtt | "Nope.Arn"       | the logical id of a resource in this template
        getatt-bad-attribute               | Resources.Fn.Properties.Environment.Variables.SELF.Fn::GetAtt | "Fn.Arnn"   | an attribute of AWS::Serverless::Function: Arn, SnapStartResponse
        sub-unknown                        | Resources.Route.Properties.Target.Fn::Sub                | "${Nope}"          | a parameter, a resource, a pseudo parameter or Resource.Attribute
        sub-list-parameter                 | Resources.Fn.Properties.Handler.Fn::Sub                  | "${Handlers}"      | a string value; join list parameters with Fn::Join
        function-timeout                   | Resources.Fn.Properties.Timeout                          | "abc"              | a number of seconds from 1 to 900
        function-memory                    | Resources.Fn.Properties.MemorySize                       | 64                 | a number of megabytes from 128 to 10240
        route-key-list                     | Resources.Route.Properties.RouteKey                      | ["a", "b"]         | a route key: $connect, $disconnect, $default, or a custom key
        route-key-dollar                   | Resources.Route.Properties.RouteKey                      | "$custom"          | a custom key that does not start with $
        duplicate-route-key                | Resources.Again.Properties.RouteKey                      | "$default"         | a route key used once; route Route already has it
        environment-not-map                | Resources.Fn.Properties.Environment.Variables            | ["A=1"]            | a mapping of variable names to values
        integration-type                   | Resources.Integration.Properties.IntegrationType         | "LAMBDA"           | one of AWS_PROXY, HTTP_PROXY, MOCK (AWS and HTTP load, but do not run)
        integration-timeout                | Resources.Integration.Properties.TimeoutInMillis         | 30000              | a number of milliseconds from 50 to 29000
        integration-connection-type        | Resources.Integration.Properties.ConnectionType          | "VPC_LINK"         | INTERNET (VPC links are not supported)
        http-proxy-uri                     | Resources.Integration.Properties.IntegrationUri          | "backend:8080"     | an http(s):// URL
        function-not-in-template           | Resources.Integration.Properties.IntegrationUri          | "arn:aws:lambda:us-east-1:123456789012:function:elsewhere" | the ARN of a function in this template: arn:aws:lambda:us-east-1:123456789012:function:errors-Fn
        integration-uri-garbage            | Resources.Integration.Properties.IntegrationUri          | "not-a-function"   | a Lambda function ARN
        stage-variable-undefined           | Resources.Integration.Properties.IntegrationUri          | "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}" | stage variables defined on stage local (it has none)
        runtime-not-java                   | Resources.Fn.Properties.Runtime                          | "python3.12"       | one of java8.al2, java11, java17, java21, java25 for a function that runs in-process; run functions in other languages elsewhere and call them over HTTP: --lambda-endpoint http://127.0.0.1:3001 (sam local start-lambda), --function-url Fn=http://...
        codeuri-s3                         | Resources.Fn.Properties.CodeUri                          | {Bucket: "my-bucket", Key: "fn.zip"} | a local path to the function's jar, zip or classes directory, relative to the template (S3 objects
        codeuri-list                       | Resources.Fn.Properties.CodeUri                          | ["a.jar"]          | a local path to the function's jar
        zipfile                            | Resources.Fn.Properties.Code.ZipFile                     | "class Inline {}"  | Code with a local path to the function's jar, zip or classes directory, relative to the template (inline code is not supported)
        missing-handler                    | Resources.Fn.Properties.Handler                          | (missing)          | a handler such as com.example.ChatHandler::handleRequest
        no-websocket-api                   | Resources                                                | (no WebSocket API) | an AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET
        two-websocket-apis                 | Resources                                                | [Api, Api2]        | exactly one AWS::ApiGatewayV2::Api with ProtocolType: WEBSOCKET; choose one with --api LOGICAL_ID
        missing-route-selection-expression | Resources.Api.Properties.RouteSelectionExpression        | (missing)          | a route selection expression such as $request.body.action
        protocol-type                      | Resources.Api.Properties.ProtocolType                    | "WEBSOCKETS"       | WEBSOCKET or HTTP
        parameter-no-default               | Parameters.Secret                                        | (missing)          | a Default or a parameter override for Secret
        parameter-allowed-values           | Parameters.Env.Default                                   | "qa"               | one of the AllowedValues: dev, prod
        parameter-type                     | Parameters.Env.Type                                      | "Strin"            | String, Number, CommaDelimitedList
        parameter-number                   | Parameters.Count.Default                                 | "many"             | a number, as the parameter's Type is Number
        stage-name                         | Resources.Stage.Properties.StageName                     | "prod stage"       | a stage name of 1 to 128 letters, digits
        access-log-format-missing          | Resources.Stage.Properties.AccessLogSettings.Format      | (missing)          | an access-log format of at most 3 KB containing $context.requestId or $context.extendedRequestId
        access-log-format-no-request-id    | Resources.Stage.Properties.AccessLogSettings.Format      | "{\\\"ip\\\":\\\"$context.identity.sourceIp\\\"}" | an access-log format of at most 3 KB containing $context.requestId
        target-unknown                     | Resources.Route.Properties.Target                        | "integrations/abc1234" | integrations/{IntegrationId} naming an AWS::ApiGatewayV2::Integration of this API: Integration
        api-id-foreign                     | Resources.Route.Properties.ApiId                         | "abcdefghij"       | !Ref Api (the id of an AWS::ApiGatewayV2::Api in this template)
        route-response-key                 | Resources.Response.Properties.RouteResponseKey           | "$other"           | $default (the only route response key of WebSocket APIs)
        condition-unknown                  | Resources.Route.Condition                                | "Nope"             | the name of a condition in Conditions (the template has none)
        find-in-map-missing                | Resources.Fn.Properties.Handler.Fn::FindInMap[1]         | "prod"             | a key of Mappings.Handlers: dev
        select-out-of-range                | Resources.Fn.Properties.Handler.Fn::Select[0]            | 3                  | an index from 0 to 1
        missing-type                       | Resources.Fn.Type                                        | (missing)          | a resource type such as AWS::ApiGatewayV2::Route
        foreach                            | Resources.Fn::ForEach::Routes                            | "Fn::ForEach::Routes" | resources written out one by one: Fn::ForEach (AWS::LanguageExtensions) is not expanded by Socketway
        logical-id                         | Resources.Bad-Id                                         | "Bad-Id"           | a logical id made of letters and digits
        depends-on-unknown                 | Resources.Route.DependsOn                                | "Nope"             | the logical id of a resource in this template
        output-without-value               | Outputs.Url.Value                                        | (missing)          | a string, or a list of strings
        """)
    void namesFileLinePathValueAndExpectation(String name, String path, String value, String expected) {
        Path file = Fixtures.fixture("errors/" + name + ".yaml");
        int line = markedLine(file);

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        String where = path == null ? "" : path + ": ";
        assertThat(error).as("load of %s", name).isNotNull();
        assertThat(error.getMessage())
                .startsWith(file + ":" + line + ": " + where + value + " (expected: ")
                .contains(expected)
                .endsWith(")");
        assertThat(error.file()).isEqualTo(file);
        assertThat(error.line()).hasValue(line);
        assertThat(error.path()).isEqualTo(path == null ? "" : path);
    }

    @Test
    void namesAMissingFile() {
        Path file = Fixtures.fixture("errors/base.yaml").resolveSibling("does-not-exist.yaml");

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        assertThat(error.getMessage()).isEqualTo(
                file + ": file not found (expected: a readable SAM or CloudFormation template in YAML or JSON)");
        assertThat(error.line()).isEmpty();
    }

    @Test
    void namesTheLineOfAJsonSyntaxError() {
        Path file = Fixtures.fixture("errors/json-syntax.json");

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        assertThat(error.getMessage()).startsWith(file + ":5: ").endsWith(" (expected: well-formed YAML or JSON)");
        assertThat(error.line()).hasValue(5);
    }

    @Test
    void namesAnEmptyFile() {
        Path file = Fixtures.fixture("errors/empty.yaml");

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file));

        assertThat(error.getMessage()).startsWith(file + ": (empty file) (expected: a readable SAM");
    }

    @Test
    void namesAnOverrideOfAnUndeclaredParameter() {
        Path file = Fixtures.fixture("errors/base.yaml");
        TemplateOptions options = TemplateOptions.defaults().withParameterOverrides(Map.of("Foo", "bar"));

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file, options));

        assertThat(error.getMessage()).isEqualTo(file + ": Parameters: \"Foo\" (parameter override) (expected: no"
                + " parameter overrides: the template declares no Parameters)");
    }

    @Test
    void namesAnOverrideOutsideAllowedValues() {
        Path file = Fixtures.fixture("parameters/template.yaml");
        TemplateOptions options = TemplateOptions.defaults()
                .withParameterOverrides(Map.of("StageName", "qa", "Secret", "x"));

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file, options));

        assertThat(error.getMessage()).isEqualTo(file + ":3: Parameters.StageName: \"qa\" (parameter override)"
                + " (expected: one of the AllowedValues: dev, prod)");
    }

    @Test
    void namesAnApiLogicalIdOptionThatNamesNoWebSocketApi() {
        Path file = Fixtures.fixture("errors/two-websocket-apis.yaml");
        TemplateOptions options = TemplateOptions.defaults().withApiLogicalId("Chat");

        TemplateException error = catchThrowableOfType(TemplateException.class, () -> TemplateLoader.load(file, options));

        assertThat(error.getMessage()).isEqualTo(file + ":2: Resources: \"Chat\" (--api) (expected:"
                + " the logical id of a WebSocket API in the template: Api, Api2)");
    }

    private static int markedLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("# <- error")) {
                    return i + 1;
                }
            }
            throw new IllegalStateException(file + " marks no line with # <- error");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
