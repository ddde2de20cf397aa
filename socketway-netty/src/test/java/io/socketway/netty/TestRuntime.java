package io.socketway.netty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionException;
import io.socketway.api.spi.FunctionRuntime;
import io.socketway.api.spi.Invocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A function runtime for tests: runtime {@code test}, handlers are Java lambdas keyed by {@code Handler}. Each records
 * the events it received, so tests can assert on what a function saw.
 */
final class TestRuntime implements FunctionRuntime {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A test function: takes the event, returns the response object (serialized to JSON). */
    @FunctionalInterface
    interface Handler {
        Object handle(JsonNode event) throws Exception;
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    TestRuntime handler(String name, Handler handler) {
        handlers.put(name, handler);
        return this;
    }

    /** Returns every event any function received, in order. */
    List<JsonNode> events() {
        return events;
    }

    /** Returns the events of one type ({@code CONNECT}, {@code MESSAGE}, {@code DISCONNECT}). */
    List<JsonNode> events(String type) {
        return events.stream().filter(e -> e.at("/requestContext/eventType").asText().equals(type)).toList();
    }

    @Override
    public boolean supports(String runtime) {
        return runtime.equals("test");
    }

    @Override
    public DeployedFunction deploy(FunctionDefinition definition, Map<String, String> environment) {
        Handler handler = handlers.get(definition.handler());
        if (handler == null) {
            throw new FunctionException("Deploy", "no test handler " + definition.handler());
        }
        return new DeployedFunction() {
            @Override
            public String name() {
                return definition.functionName();
            }

            @Override
            public byte[] invoke(byte[] eventJson, Invocation invocation) {
                try {
                    JsonNode event = JSON.readTree(eventJson);
                    events.add(event);
                    return JSON.writeValueAsBytes(handler.handle(event));
                } catch (RuntimeException e) {
                    throw new FunctionException(e.getClass().getName(), e.getMessage(), e);
                } catch (Exception e) {
                    throw new FunctionException(e.getClass().getName(), e.getMessage(), e);
                }
            }

            @Override
            public void close() {}
        };
    }
}
