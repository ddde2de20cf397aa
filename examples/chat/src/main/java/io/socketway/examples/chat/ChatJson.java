package io.socketway.examples.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads client requests and writes the messages the room sends, as JSON. Every value goes through Jackson, so names
 * and texts with quotes, backslashes or control characters are escaped. Thread-safe.
 */
final class ChatJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> ACTIONS = List.of("join", "sendmessage", "who", "leave");

    private ChatJson() {}

    /** Parses a request body; returns a missing node when it is absent or not JSON. */
    static JsonNode parse(@Nullable String body) {
        if (body == null) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** Returns the text field {@code field} of {@code request}, trimmed, or empty when it is not a non-blank string. */
    static Optional<String> text(JsonNode request, String field) {
        JsonNode value = request.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText().strip()) : Optional.empty();
    }

    /** Returns {@code {"type":"joined","name":…,"online":[…]}}. */
    static String joined(String name, List<String> online) {
        ObjectNode node = typed("joined").put("name", name);
        node.putArray("online").addAll(online.stream().map(node::textNode).toList());
        return write(node);
    }

    /** Returns {@code {"type":"message","from":…,"text":…}}. */
    static String message(String from, String text) {
        return write(typed("message").put("from", from).put("text", text));
    }

    /** Returns {@code {"type":"left","name":…}}. */
    static String left(String name) {
        return write(typed("left").put("name", name));
    }

    /** Returns {@code {"type":"online","names":[…]}}. */
    static String online(List<String> names) {
        ObjectNode node = typed("online");
        node.putArray("names").addAll(names.stream().map(node::textNode).toList());
        return write(node);
    }

    /** Returns {@code {"type":"error","message":…}}. */
    static String error(String message) {
        return write(typed("error").put("message", message));
    }

    /** Returns the help that {@code $default} answers with: the actions and one example request each. */
    static String help() {
        ObjectNode node = typed("help").put("message",
                "Send JSON with an \"action\": join (with \"name\"), sendmessage (with \"text\"), who or leave.");
        node.putArray("actions").addAll(ACTIONS.stream().map(node::textNode).toList());
        node.putArray("examples")
                .add(MAPPER.createObjectNode().put("action", "join").put("name", "ann"))
                .add(MAPPER.createObjectNode().put("action", "sendmessage").put("text", "hello"))
                .add(MAPPER.createObjectNode().put("action", "who"))
                .add(MAPPER.createObjectNode().put("action", "leave"));
        return write(node);
    }

    private static ObjectNode typed(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serializes", e);
        }
    }
}
