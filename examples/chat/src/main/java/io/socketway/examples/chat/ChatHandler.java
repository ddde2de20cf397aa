package io.socketway.examples.chat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs the chat room: API Gateway calls this one function for every route of the WebSocket API, and it dispatches on
 * {@code requestContext.routeKey}.
 *
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>route</th><th>client sends</th><th>effect</th></tr>
 *   <tr><td>{@code $connect}</td><td>(the handshake)</td><td>accepts (200)</td></tr>
 *   <tr><td>{@code join}</td><td>{@code {"action":"join","name":"ann"}}</td>
 *       <td>everyone gets {@code {"type":"joined","name":"ann","online":[...]}}</td></tr>
 *   <tr><td>{@code sendmessage}</td><td>{@code {"action":"sendmessage","text":"hi"}}</td>
 *       <td>everyone gets {@code {"type":"message","from":"ann","text":"hi"}}</td></tr>
 *   <tr><td>{@code who}</td><td>{@code {"action":"who"}}</td>
 *       <td>the caller gets {@code {"type":"online","names":[...]}} (two-way route)</td></tr>
 *   <tr><td>{@code leave}</td><td>{@code {"action":"leave"}}</td>
 *       <td>everyone gets {@code {"type":"left","name":"ann"}}</td></tr>
 *   <tr><td>{@code $disconnect}</td><td>(the socket closed)</td>
 *       <td>the others get {@code left} if it had joined</td></tr>
 *   <tr><td>{@code $default}</td><td>anything else</td>
 *       <td>the caller gets {@code {"type":"help",...}} (two-way)</td></tr>
 * </table>
 *
 * <p>A request the room cannot accept (no name, text before joining, ...) gets {@code {"type":"error","message":...}}
 * pushed to the caller. Pushes go through {@link Pusher}; a connection that turns out to be gone is dropped from the
 * room and the others get its {@code left}.
 *
 * <p>Lambda creates one instance per execution environment and reuses it; the instance is thread-safe.
 */
public final class ChatHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    /** The longest name {@code join} accepts, in UTF-16 units. */
    static final int MAX_NAME_LENGTH = 32;
    /** The longest text {@code sendmessage} accepts, in UTF-16 units. */
    static final int MAX_TEXT_LENGTH = 4000;

    private final Members members = new Members();
    private final Pusher pusher = Pusher.fromEnvironment();

    /** Creates the handler. Lambda does so once per execution environment, so the SDK client is built once. */
    public ChatHandler() {}

    /** Handles one event of any route; the response body is sent to the caller only on two-way routes. */
    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        Call call = new Call(event.getRequestContext(), ChatJson.parse(event.getBody()), context.getLogger());
        return switch (call.request().getRouteKey()) {
            case "$connect" -> ok();
            case "$disconnect" -> disconnect(call);
            case "join" -> join(call);
            case "sendmessage" -> sendMessage(call);
            case "who" -> reply(ChatJson.online(members.names()));
            case "leave" -> leave(call);
            default -> reply(ChatJson.help());
        };
    }

    private APIGatewayV2WebSocketResponse join(Call call) {
        Optional<String> name = ChatJson.text(call.body(), "name").filter(ChatHandler::isValidName);
        if (name.isEmpty()) {
            return tell(call, "join needs a \"name\" of 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        members.join(call.connectionId(), name.get());
        call.log().log(name.get() + " joined (connection " + call.connectionId() + ")");
        broadcast(call, ChatJson.joined(name.get(), members.names()));
        return ok();
    }

    private APIGatewayV2WebSocketResponse sendMessage(Call call) {
        Optional<String> from = members.name(call.connectionId());
        Optional<String> text = ChatJson.text(call.body(), "text").filter(t -> t.length() <= MAX_TEXT_LENGTH);
        if (from.isEmpty()) {
            return tell(call, "join the room before sending messages");
        }
        if (text.isEmpty()) {
            return tell(call, "sendmessage needs a \"text\" of 1 to " + MAX_TEXT_LENGTH + " characters");
        }
        broadcast(call, ChatJson.message(from.get(), text.get()));
        return ok();
    }

    /** Forgets the caller first, so no later broadcast reaches it, then tells the room and the caller. */
    private APIGatewayV2WebSocketResponse leave(Call call) {
        members.remove(call.connectionId()).ifPresent(name -> {
            String left = ChatJson.left(name);
            broadcast(call, left);
            deliver(call, call.connectionId(), left);
        });
        return ok();
    }

    private APIGatewayV2WebSocketResponse disconnect(Call call) {
        members.remove(call.connectionId()).ifPresent(name -> broadcast(call, ChatJson.left(name)));
        return ok();
    }

    private APIGatewayV2WebSocketResponse tell(Call call, String error) {
        deliver(call, call.connectionId(), ChatJson.error(error));
        return ok();
    }

    /** Sends {@code json} to every member; members found gone are dropped and announced as left. */
    private void broadcast(Call call, String json) {
        List<String> gone = members.connectionIds().stream().filter(id -> !deliver(call, id, json)).toList();
        gone.forEach(id -> members.remove(id).ifPresent(name -> broadcast(call, ChatJson.left(name))));
    }

    /** Posts to one connection; returns false only when it is gone, and logs other failures. */
    private boolean deliver(Call call, String connectionId, String json) {
        try {
            return pusher.post(call.request(), connectionId, json);
        } catch (SdkException e) {
            call.log().log("Posting to " + connectionId + " failed: " + e);
            return true;
        }
    }

    private static boolean isValidName(String name) {
        return name.length() <= MAX_NAME_LENGTH && name.codePoints().noneMatch(Character::isISOControl);
    }

    private static APIGatewayV2WebSocketResponse ok() {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        return response;
    }

    private static APIGatewayV2WebSocketResponse reply(String body) {
        APIGatewayV2WebSocketResponse response = ok();
        response.setBody(body);
        return response;
    }

    /** One invocation: where it came from, its parsed body and the function's log. */
    private record Call(RequestContext request, JsonNode body, LambdaLogger log) {
        String connectionId() {
            return request.getConnectionId();
        }
    }
}
