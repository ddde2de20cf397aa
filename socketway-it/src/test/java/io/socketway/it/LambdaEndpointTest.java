package io.socketway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.socketway.api.ApiDefinition;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.functions.JavaFunctionRuntime;
import io.socketway.netty.GatewayServer;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template whose functions are written in Python runs unchanged when its functions are served by a Lambda Invoke
 * API, as {@code sam local start-lambda} serves them: each event is POSTed to
 * {@code /2015-03-31/functions/{LogicalId}/invocations}, and a failed function (200 with
 * {@code X-Amz-Function-Error}) gives the client AWS's error frame. The Invoke API here is a stand-in HTTP server
 * that answers as SAM CLI's does.
 */
@Timeout(60)
class LambdaEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::ApiGatewayV2::Api
                Properties:
                  Name: polyglot
                  ProtocolType: WEBSOCKET
                  RouteSelectionExpression: $request.body.action
              EchoRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: echo
                  RouteResponseSelectionExpression: $default
                  Target: !Sub integrations/${EchoIntegration}
              EchoResponse:
                Type: AWS::ApiGatewayV2::RouteResponse
                Properties:
                  ApiId: !Ref Api
                  RouteId: !Ref EchoRoute
                  RouteResponseKey: $default
              EchoIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Api
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${EchoFunction.Arn}/invocations
              BoomRoute:
                Type: AWS::ApiGatewayV2::Route
                Properties:
                  ApiId: !Ref Api
                  RouteKey: boom
                  Target: !Sub integrations/${BoomIntegration}
              BoomIntegration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: !Ref Api
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${BoomFunction.Arn}/invocations
              EchoFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.echo
                  CodeUri: echo/
              BoomFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.boom
                  CodeUri: boom/
            """;

    @TempDir
    Path dir;
    private final List<String> invoked = new CopyOnWriteArrayList<>();

    @Test
    void functionsInOtherLanguagesRunBehindALambdaInvokeApi() throws Exception {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        HttpServer lambda = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lambda.createContext("/2015-03-31/functions/", this::invoke);
        lambda.start();
        String endpoint = "http://127.0.0.1:" + lambda.getAddress().getPort();
        ApiDefinition api = TemplateLoader.load(template,
                TemplateOptions.defaults().withLambdaEndpoint(endpoint).withCodeRequired(true));
        GatewayServer server = GatewayServer.start(Gateway.builder(api)
                .settings(GatewaySettings.defaults().withPort(0)).functionRuntime(new JavaFunctionRuntime()).build());
        try (WsClient client = WsClient.connect("client", URI.create(server.endpoint().webSocketBase() + "/" + api.stages().get(0).name()),
                WAIT)) {
            client.send("{\"action\":\"echo\",\"text\":\"hi\"}");
            assertThat(client.nextText(WAIT)).isEqualTo("python says: {\"action\":\"echo\",\"text\":\"hi\"}");

            client.send("{\"action\":\"boom\"}");
            JsonNode error = client.nextJson(WAIT);
            assertThat(error.get("message").asText()).isEqualTo("Internal server error");

            assertThat(invoked).containsExactly("/2015-03-31/functions/EchoFunction/invocations",
                    "/2015-03-31/functions/BoomFunction/invocations");
        } finally {
            server.close();
            lambda.stop(0);
        }
    }

    /** Answers as SAM CLI's start-lambda does: the function's result, or 200 with X-Amz-Function-Error. */
    private void invoke(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        invoked.add(path);
        JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
        byte[] body;
        if (path.contains("/BoomFunction/")) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            body = "{\"errorMessage\":\"division by zero\",\"errorType\":\"ZeroDivisionError\"}"
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            body = JSON.writeValueAsBytes(java.util.Map.of("statusCode", 200,
                    "body", "python says: " + event.get("body").asText()));
        }
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
