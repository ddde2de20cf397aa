package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WebSocketEventRoundTripTest {
    /** A MESSAGE event as API Gateway sends it, with fields the Java events class lacks. */
    static final String EVENT = """
            {
              "headers": {"Host": "abc.execute-api.eu-west-1.amazonaws.com", "X-Trace": "t-1"},
              "multiValueHeaders": {"Host": ["abc.execute-api.eu-west-1.amazonaws.com"]},
              "requestContext": {
                "routeKey": "sendMessage",
                "disconnectStatusCode": 1001,
                "disconnectReason": "going away",
                "messageId": "m-1",
                "eventType": "MESSAGE",
                "extendedRequestId": "x-1",
                "requestTime": "28/Nov/2026:17:00:00 +0000",
                "messageDirection": "IN",
                "stage": "prod",
                "connectedAt": 1795800000000,
                "requestTimeEpoch": 1795800001000,
                "identity": {"sourceIp": "203.0.113.7", "userAgent": "test"},
                "requestId": "r-1",
                "domainName": "abc.execute-api.eu-west-1.amazonaws.com",
                "connectionId": "L0SM9cOFvHcCIhw=",
                "apiId": "abc",
                "authorizer": {"principalId": "user-7", "integrationLatency": 12}
              },
              "body": "{\\"action\\":\\"sendMessage\\",\\"text\\":\\"hi\\"}",
              "isBase64Encoded": false
            }""";

    static final String HANDLER = """
            package demo;
            import com.amazonaws.services.lambda.runtime.*;
            import com.amazonaws.services.lambda.runtime.events.*;
            import java.util.Map;
            public class Chat implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
                public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
                    APIGatewayV2WebSocketEvent.RequestContext rc = event.getRequestContext();
                    String body = String.join("|", rc.getConnectionId(), rc.getRouteKey(),
                            Long.toString(rc.getConnectedAt()), rc.getIdentity().getSourceIp(),
                            event.getHeaders().get("X-Trace"), event.getBody(), Boolean.toString(event.isIsBase64Encoded()),
                            String.valueOf(rc.getAuthorizer().get("principalId")), rc.getEventType(), rc.getStage());
                    APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
                    response.setStatusCode(200);
                    response.setBody(body);
                    response.setHeaders(Map.of("X-Loader", event.getClass().getClassLoader().getName()));
                    return response;
                }
            }""";

    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    Path temp;

    @Test
    void eventFieldsArriveAndResponseSerializesWithLambdaPropertyNames() throws Exception {
        Path zip = HandlerJarBuilder.create()
                .source("demo.Chat", HANDLER)
                .library(HandlerJarBuilder.jarOf(APIGatewayV2WebSocketEvent.class))
                .buildZip(temp.resolve("chat.zip"));
        DeployedFunction function = functions.deploy("Chat", "demo.Chat", zip);

        JsonNode response = new ObjectMapper().readTree(invoke(function, EVENT));

        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        assertThat(response.get("isBase64Encoded").isBoolean()).isTrue();
        assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.get("body").asText()).isEqualTo(
                "L0SM9cOFvHcCIhw=|sendMessage|1795800000000|203.0.113.7|t-1|{\"action\":\"sendMessage\",\"text\":\"hi\"}"
                        + "|false|user-7|MESSAGE|prod");
        assertThat(response.get("headers").get("X-Loader").asText()).isEqualTo("stack-Chat");
        assertThat(response.has("multiValueHeaders")).isFalse();
        assertThat(response.properties()).extracting(e -> e.getKey())
                .containsExactlyInAnyOrder("isBase64Encoded", "statusCode", "headers", "body");
    }

    @Test
    void base64FlagAndMissingOptionalFieldsAreRead() throws Exception {
        Path zip = HandlerJarBuilder.create()
                .source("demo.Flags", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.events.*;
                        public class Flags {
                            public String handle(APIGatewayV2WebSocketEvent event) {
                                return event.isIsBase64Encoded() + "/" + event.getRequestContext().getConnectionId()
                                        + "/" + event.getHeaders();
                            }
                        }""")
                .library(HandlerJarBuilder.jarOf(APIGatewayV2WebSocketEvent.class))
                .buildZip(temp.resolve("flags.zip"));
        DeployedFunction function = functions.deploy("Flags", "demo.Flags::handle", zip);

        String output = invoke(function, "{\"requestContext\":{\"connectionId\":\"c-2\"},\"isBase64Encoded\":true}");

        assertThat(output).isEqualTo("\"true/c-2/null\"");
    }
}
