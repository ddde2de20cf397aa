package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import io.socketway.api.spi.Invocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /**
     * The gateway hands in-process functions the event as a tree and takes their result as one: for every handler
     * shape, that must give exactly the values the JSON path gives (POJO events, maps, records with dates and
     * optionals, a map holding a null, strings, null, no output), and a stream handler keeps the JSON path.
     */
    @Test
    void treePathGivesWhatTheJsonPathGives() throws Exception {
        Path zip = HandlerJarBuilder.create()
                .source("demo.Chat", HANDLER)
                .source("demo.Shapes", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.events.*;
                        import java.time.Instant;
                        import java.util.*;
                        public class Shapes {
                            public record Out(String id, Instant at, Optional<String> none, Map<String, Object> ctx) {}
                            public Map<String, Object> map(Map<String, Object> event) {
                                Map<String, Object> out = new LinkedHashMap<>(event);
                                out.put("statusCode", 200);
                                return out;
                            }
                            public Out record(APIGatewayV2WebSocketEvent event) {
                                return new Out(event.getRequestContext().getConnectionId(), Instant.ofEpochSecond(7),
                                        Optional.empty(), event.getRequestContext().getAuthorizer());
                            }
                            public Map<String, Object> withNull(Map<String, Object> event) {
                                Map<String, Object> out = new HashMap<>();
                                out.put("statusCode", 200);
                                out.put("body", null);
                                return out;
                            }
                            public String text(Map<String, Object> event) { return (String) event.get("body"); }
                            public String strings(Map<String, String> event) { return event.get("body"); }
                            public Object nothing(Object event) { return null; }
                            public void none(Object event) { }
                        }""")
                .source("demo.Stream", """
                        package demo;
                        import java.io.*;
                        public class Stream {
                            public void handle(InputStream in, OutputStream out) throws IOException {
                                in.transferTo(out);
                            }
                        }""")
                .library(HandlerJarBuilder.jarOf(APIGatewayV2WebSocketEvent.class))
                .buildZip(temp.resolve("shapes.zip"));
        ObjectMapper mapper = new ObjectMapper();
        for (String handler : List.of("demo.Chat", "demo.Shapes::map", "demo.Shapes::record",
                "demo.Shapes::withNull", "demo.Shapes::text", "demo.Shapes::nothing", "demo.Shapes::none")) {
            DeployedFunction function = functions.deploy(handler.replaceAll("\\W", ""), handler, zip);
            assertThat(function.acceptsTrees()).as(handler).isTrue();
            Object viaJson = mapper.readValue(invoke(function, EVENT), Object.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = mapper.readValue(EVENT, Map.class);
            Object viaTree = function.invokeTree(event, new Invocation("r-1", System.currentTimeMillis() + 60_000));
            assertThat(viaTree).as(handler).isEqualTo(viaJson);
            assertThat(mapper.writeValueAsString(viaTree)).as(handler).isEqualTo(mapper.writeValueAsString(viaJson));
        }
        DeployedFunction strings = functions.deploy("Strings", "demo.Shapes::strings", zip);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = mapper.readValue(EVENT, Map.class);
        Invocation invocation = new Invocation("r-2", System.currentTimeMillis() + 60_000);
        String expected = "An error occurred during JSON parsing: event (expected: JSON for "
                + "java.util.Map<java.lang.String,java.lang.String>): Cannot deserialize value of type";
        assertThatThrownBy(() -> invoke(strings, EVENT)).hasMessageStartingWith(expected);
        assertThatThrownBy(() -> strings.invokeTree(event, invocation)).hasMessageStartingWith(expected);
        DeployedFunction stream = functions.deploy("Stream", "demo.Stream::handle", zip);
        assertThat(stream.acceptsTrees()).isFalse();
    }
}
