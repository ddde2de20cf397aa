package io.socketway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs examples/chat as shipped (its SAM template, its shaded jar, the AWS SDK posting through {@code @connections})
 * behind a real gateway, and chats with JDK WebSocket clients.
 */
@Timeout(60)
class ChatExampleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TemplateGatewayExtension gateway = TemplateGatewayExtension.of(Path.of("../examples/chat/template.yaml"));

    @Test
    void membersChatAskWhoIsOnlineAndSeeEachOtherLeave() {
        try (WsClient ann = connect("ann"); WsClient bob = connect("bob")) {
            ann.send(request("join", "name", "ann"));
            assertJoined(ann.nextJson(WAIT), "ann", "ann");

            bob.send(request("join", "name", "bob"));
            assertJoined(ann.nextJson(WAIT), "bob", "ann", "bob");
            assertJoined(bob.nextJson(WAIT), "bob", "ann", "bob");

            ann.send(request("sendmessage", "text", "hi bob"));
            assertMessage(ann.nextJson(WAIT), "ann", "hi bob");
            assertMessage(bob.nextJson(WAIT), "ann", "hi bob");

            ann.send(request("who"));
            JsonNode online = ann.nextJson(WAIT);
            assertThat(online.path("type").asText()).isEqualTo("online");
            assertThat(strings(online.path("names"))).containsExactly("ann", "bob");

            bob.closeNormally();
            assertThat(bob.awaitClose(WAIT).code()).isEqualTo(1000);
            JsonNode left = ann.nextJson(WAIT);
            assertThat(left.path("type").asText()).isEqualTo("left");
            assertThat(left.path("name").asText()).isEqualTo("bob");
        }
    }

    @Test
    void leaveIsAnnouncedToEveryoneAndTheLeaverNoLongerReceives() {
        try (WsClient ann = connect("ann"); WsClient bob = connect("bob")) {
            ann.send(request("join", "name", "ann"));
            ann.nextJson(WAIT);
            bob.send(request("join", "name", "bob"));
            ann.nextJson(WAIT);
            bob.nextJson(WAIT);

            bob.send(request("leave"));
            assertThat(ann.nextJson(WAIT).path("type").asText()).isEqualTo("left");
            assertThat(bob.nextJson(WAIT).path("name").asText()).isEqualTo("bob");

            ann.send(request("sendmessage", "text", "still there?"));
            assertMessage(ann.nextJson(WAIT), "ann", "still there?");
            ann.send(request("who"));
            assertThat(strings(ann.nextJson(WAIT).path("names"))).containsExactly("ann");
            bob.send(request("who"));
            assertThat(bob.nextJson(WAIT).path("type").asText())
                    .as("bob got nothing after leaving but the answer to who")
                    .isEqualTo("online");
        }
    }

    @Test
    void namesAndTextsAreEscapedIntoValidJson() {
        String name = "\"ann\\</b>";
        String text = "she said \"hi\"\n\ttab \\ back\u0001slash \u00e9\u20ac\ud83d\ude00 {\"action\":\"x\"}";
        try (WsClient ann = connect("ann")) {
            ann.send(request("join", "name", name));
            assertJoined(ann.nextJson(WAIT), name, name);
            ann.send(request("sendmessage", "text", text));
            assertMessage(ann.nextJson(WAIT), name, text);
        }
    }

    @Test
    void unknownActionsAndNonJsonGetTheHelpFromDefault() {
        try (WsClient client = connect("client")) {
            client.send(request("dance"));
            JsonNode help = client.nextJson(WAIT);
            assertThat(help.path("type").asText()).isEqualTo("help");
            assertThat(strings(help.path("actions"))).contains("join", "sendmessage", "who", "leave");

            client.send("not json at all");
            assertThat(client.nextJson(WAIT).path("type").asText()).isEqualTo("help");
        }
    }

    @Test
    void sendingBeforeJoiningOrWithoutANameIsAnError() {
        try (WsClient client = connect("client")) {
            client.send(request("sendmessage", "text", "hello?"));
            assertThat(client.nextJson(WAIT).path("type").asText()).isEqualTo("error");

            client.send(request("join", "name", "   "));
            JsonNode error = client.nextJson(WAIT);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("message").asText()).contains("name");
        }
    }

    private WsClient connect(String name) {
        return WsClient.connect(name, gateway.webSocketUrl("dev"), WAIT);
    }

    private static String request(String action, String... fields) {
        ObjectNode node = JSON.createObjectNode().put("action", action);
        for (int i = 0; i < fields.length; i += 2) {
            node.put(fields[i], fields[i + 1]);
        }
        return node.toString();
    }

    private static void assertJoined(JsonNode event, String name, String... online) {
        assertThat(event.path("type").asText()).as("type of %s", event).isEqualTo("joined");
        assertThat(event.path("name").asText()).isEqualTo(name);
        assertThat(strings(event.path("online"))).containsExactly(online);
    }

    private static void assertMessage(JsonNode event, String from, String text) {
        assertThat(event.path("type").asText()).as("type of %s", event).isEqualTo("message");
        assertThat(event.path("from").asText()).isEqualTo(from);
        assertThat(event.path("text").asText()).isEqualTo(text);
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
