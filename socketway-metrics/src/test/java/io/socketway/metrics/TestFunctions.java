package io.socketway.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionException;
import io.socketway.api.spi.FunctionRuntime;
import io.socketway.api.spi.Invocation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A function runtime for tests: runtime {@code test}; each {@code Handler} is a Java lambda from event to response. */
final class TestFunctions implements FunctionRuntime {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A test function: takes the Lambda event, returns the response object (serialized to JSON). */
    @FunctionalInterface
    interface Handler {
        Object handle(JsonNode event) throws Exception;
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

    TestFunctions handler(String name, Handler handler) {
        handlers.put(name, handler);
        return this;
    }

    @Override
    public boolean supports(String runtime) {
        return runtime.equals("test");
    }

    @Override
    public DeployedFunction deploy(FunctionDefinition definition, Map<String, String> environment) {
        Handler handler = handlers.get(definition.handler());
        return new DeployedFunction() {
            @Override
            public String name() {
                return definition.functionName();
            }

            @Override
            public byte[] invoke(byte[] eventJson, Invocation invocation) {
                try {
                    return JSON.writeValueAsBytes(handler.handle(JSON.readTree(eventJson)));
                } catch (Exception e) {
                    throw new FunctionException(e.getClass().getName(), String.valueOf(e.getMessage()), e);
                }
            }

            @Override
            public void close() {}
        };
    }
}
