package io.socketway.template;

import static io.socketway.template.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IgnoredItem;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.api.StageDefinition;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The AWS sample "simple-websockets-chat-app", with Java handlers, read end to end. */
class SimpleWebSocketsChatAppTest {
    private final ApiDefinition api = Fixtures.load("chat/template.yaml");

    @Test
    void readsTheWebSocketApi() {
        assertThat(api.logicalId()).isEqualTo("SimpleChatWebSocket");
        assertThat(api.name()).isEqualTo("SimpleChatWebSocket");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(api.apiId()).matches("[a-z0-9]{10}");
        assertThat(api.stackName()).isEqualTo("chat");
        assertThat(api.region()).isEqualTo("us-east-1");
        assertThat(api.accountId()).isEqualTo("123456789012");
        assertThat(api.source()).isEqualTo(fixture("chat/template.yaml"));
    }

    @Test
    void keepsTheApiIdAcrossLoads() {
        assertThat(Fixtures.load("chat/template.yaml").apiId()).isEqualTo(api.apiId());
    }

    @Test
    void readsTheStageOfTheStageResource() {
        assertThat(api.stages()).containsExactly(new StageDefinition("Prod", Map.of()));
    }

    @Test
    void routesEachKeyToItsFunction() {
        assertThat(api.routes().keySet()).containsExactly("$connect", "$disconnect", "sendmessage");
        assertThat(functionOf("$connect")).isEqualTo("OnConnectFunction");
        assertThat(functionOf("$disconnect")).isEqualTo("OnDisconnectFunction");
        assertThat(functionOf("sendmessage")).isEqualTo("SendMessageFunction");
        assertThat(api.routes().values()).noneMatch(RouteDefinition::twoWay);
    }

    @Test
    void keepsTheInvocationUriWithTheResolvedFunctionArn() {
        var integration = api.route("$connect").orElseThrow().integration().orElseThrow();
        assertThat(integration.logicalId()).isEqualTo("ConnectInteg");
        assertThat(integration.type()).isEqualTo(IntegrationType.AWS_PROXY);
        assertThat(integration.uri()).isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:123456789012:function:chat-OnConnectFunction/invocations");
        assertThat(integration.method()).isEqualTo("POST");
        assertThat(integration.timeout()).isEqualTo(Duration.ofMillis(29_000));
    }

    @Test
    void mergesGlobalsIntoEachFunction() {
        FunctionDefinition send = api.functions().get("SendMessageFunction");
        assertThat(send.functionName()).isEqualTo("chat-SendMessageFunction");
        assertThat(send.handler()).isEqualTo("com.example.chat.SendMessage::handleRequest");
        assertThat(send.runtime()).isEqualTo("java21");
        assertThat(send.codeUri()).isEqualTo(fixture("chat/template.yaml").getParent()
                .resolve("handlers/target/chat-handlers.jar"));
        assertThat(send.codeUri()).isAbsolute();
        assertThat(send.environment()).containsExactly(
                Map.entry("TABLE_NAME", "simple_websocket_connections"), Map.entry("LOG_LEVEL", "debug"));
        assertThat(send.timeout()).isEqualTo(Duration.ofSeconds(29));
        assertThat(send.memorySizeMb()).isEqualTo(512);
        assertThat(send.reservedConcurrentExecutions()).isEqualTo(OptionalInt.empty());
        assertThat(api.functions().get("OnConnectFunction").timeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void resolvesOutputsAsAwsWouldInTemplateOrder() {
        assertThat(api.outputs()).containsExactly(
                Map.entry("ConnectionsTableArn",
                        "arn:aws:dynamodb:us-east-1:123456789012:table/simple_websocket_connections"),
                Map.entry("OnConnectFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:chat-OnConnectFunction"),
                Map.entry("OnDisconnectFunctionArn",
                        "arn:aws:lambda:us-east-1:123456789012:function:chat-OnDisconnectFunction"),
                Map.entry("SendMessageFunctionArn",
                        "arn:aws:lambda:us-east-1:123456789012:function:chat-SendMessageFunction"),
                Map.entry("WebSocketURI", "wss://" + api.apiId() + ".execute-api.us-east-1.amazonaws.com/Prod"));
    }

    @Test
    void listsWhatTheGatewayDoesNotRunOnce() {
        assertThat(api.ignored()).extracting(IgnoredItem::path).containsExactlyInAnyOrder(
                "Globals.Function.Architectures",
                "Resources.ConnectionsTable",
                "Resources.OnConnectFunction.Properties.Policies",
                "Resources.OnDisconnectFunction.Properties.Policies",
                "Resources.SendMessageFunction.Properties.Policies");
        assertThat(api.ignored()).contains(
                new IgnoredItem("Resources.ConnectionsTable", "AWS::DynamoDB::Table is not run by Socketway"));
    }

    private String functionOf(String routeKey) {
        return api.route(routeKey).orElseThrow().integration().orElseThrow().functionLogicalId().orElseThrow();
    }
}
