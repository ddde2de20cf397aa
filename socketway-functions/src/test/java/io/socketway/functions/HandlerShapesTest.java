package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HandlerShapesTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    static Path temp;

    static Path jar;

    @BeforeAll
    static void buildHandlers() {
        jar = HandlerJarBuilder.create()
                .source("demo.MapHandler", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        import java.util.*;
                        public class MapHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                            public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
                                Map<String, Object> out = new TreeMap<>(input);
                                out.put("seen", input.get("text"));
                                return out;
                            }
                        }""")
                .source("demo.StringHandler", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        public class StringHandler implements RequestHandler<String, String> {
                            public String handleRequest(String input, Context context) { return input.toUpperCase(); }
                        }""")
                .source("demo.Order", """
                        package demo;
                        public class Order {
                            private String item;
                            private int quantity;
                            public String getItem() { return item; }
                            public void setItem(String item) { this.item = item; }
                            public int getQuantity() { return quantity; }
                            public void setQuantity(int quantity) { this.quantity = quantity; }
                        }""")
                .source("demo.Receipt", """
                        package demo;
                        public record Receipt(String item, int total, String note) {}""")
                .source("demo.PojoHandler", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        public class PojoHandler implements RequestHandler<Order, Receipt> {
                            public Receipt handleRequest(Order order, Context context) {
                                return new Receipt(order.getItem(), order.getQuantity() * 3, null);
                            }
                        }""")
                .source("demo.RecordInput", """
                        package demo;
                        public class RecordInput {
                            public String handle(Receipt receipt) { return receipt.item() + "=" + receipt.total(); }
                        }""")
                .source("demo.StreamHandler", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        import java.io.*;
                        public class StreamHandler implements RequestStreamHandler {
                            public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                                out.write(("[" + new String(in.readAllBytes()) + "]").getBytes());
                            }
                        }""")
                .source("demo.Methods", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.Context;
                        import java.io.*;
                        import java.util.*;
                        public class Methods {
                            private int calls;
                            public static String upper(String input) { return input.toUpperCase(); }
                            public String withContext(Map<String, String> input, Context context) {
                                return context.getFunctionName() + ":" + input.get("name");
                            }
                            public String ping() { return "pong"; }
                            public void nothing(Map<String, Object> input) {}
                            public int count(Object ignored) { return ++calls; }
                            public static void copy(InputStream in, OutputStream out) throws IOException {
                                in.transferTo(out);
                            }
                            public void copyWithContext(InputStream in, OutputStream out, Context context) throws IOException {
                                out.write(context.getAwsRequestId().isEmpty() ? new byte[0] : "\\"streamed\\"".getBytes());
                            }
                            public String identity(Object ignored) { return Integer.toString(System.identityHashCode(this)); }
                            public String overloaded(String input) { return "one"; }
                            public String overloaded(String input, Context context) { return "two"; }
                        }""")
                .source("demo.Base", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        public abstract class Base<T> implements RequestHandler<T, String> {
                            public String handleRequest(T input, Context context) { return describe(input); }
                            protected abstract String describe(T input);
                            public String generic(T input) { return describe(input); }
                        }""")
                .source("demo.OrderHandler", """
                        package demo;
                        public class OrderHandler extends Base<Order> {
                            protected String describe(Order order) { return order.getClass().getSimpleName() + ":" + order.getItem(); }
                        }""")
                .source("demo.Initialized", """
                        package demo;
                        public class Initialized {
                            static { System.setProperty("socketway.test.initialized", "yes"); }
                            public static String handle(Object input) { return "ok"; }
                        }""")
                .buildJar(temp.resolve("shapes.jar"));
    }

    private DeployedFunction deploy(String handler) {
        return functions.deploy("Shapes", handler, jar);
    }

    @Test
    void requestHandlerOfMapsRoundTripsObjects() {
        String output = invoke(deploy("demo.MapHandler"), "{\"text\":\"hi\",\"n\":2}");
        assertThat(output).isEqualTo("{\"n\":2,\"seen\":\"hi\",\"text\":\"hi\"}");
    }

    @Test
    void requestHandlerOfStringsReadsAndWritesJsonStrings() {
        assertThat(invoke(deploy("demo.StringHandler"), "\"hello\"")).isEqualTo("\"HELLO\"");
    }

    @Test
    void requestHandlerOfPojosUsesJacksonWithoutNulls() {
        String output = invoke(deploy("demo.PojoHandler"), "{\"item\":\"tea\",\"QUANTITY\":2,\"extra\":true}");
        assertThat(output).isEqualTo("{\"item\":\"tea\",\"total\":6}");
    }

    @Test
    void recordsAreReadAsInput() {
        assertThat(invoke(deploy("demo.RecordInput::handle"), "{\"item\":\"tea\",\"total\":6}"))
                .isEqualTo("\"tea=6\"");
    }

    @Test
    void requestStreamHandlerGetsRawBytes() {
        assertThat(invoke(deploy("demo.StreamHandler"), "{\"a\":1}")).isEqualTo("[{\"a\":1}]");
    }

    @Test
    void staticMethodTakingInput() {
        assertThat(invoke(deploy("demo.Methods::upper"), "\"abc\"")).isEqualTo("\"ABC\"");
    }

    @Test
    void instanceMethodTakingInputAndContext() {
        assertThat(invoke(deploy("demo.Methods::withContext"), "{\"name\":\"ada\"}"))
                .isEqualTo("\"stack-Shapes:ada\"");
    }

    @Test
    void methodWithoutParametersIgnoresTheEvent() {
        assertThat(invoke(deploy("demo.Methods::ping"), "{\"ignored\":true}")).isEqualTo("\"pong\"");
    }

    @Test
    void voidMethodAnswersNull() {
        assertThat(invoke(deploy("demo.Methods::nothing"), "{}")).isEqualTo("null");
    }

    @Test
    void streamMethods() {
        assertThat(invoke(deploy("demo.Methods::copy"), "{\"b\":2}")).isEqualTo("{\"b\":2}");
        assertThat(invoke(deploy("demo.Methods::copyWithContext"), "{}")).isEqualTo("\"streamed\"");
    }

    @Test
    void inputTypeComesFromGenericSuperclass() {
        DeployedFunction function = deploy("demo.OrderHandler");
        assertThat(invoke(function, "{\"item\":\"cake\"}")).isEqualTo("\"Order:cake\"");
    }

    @Test
    void methodParameterTypeVariableIsResolvedAgainstTheHandlerClass() {
        assertThat(invoke(deploy("demo.OrderHandler::generic"), "{\"item\":\"pie\"}")).isEqualTo("\"Order:pie\"");
    }

    @Test
    void overloadWithMostParametersWins() {
        assertThat(invoke(deploy("demo.Methods::overloaded"), "\"x\"")).isEqualTo("\"two\"");
    }

    @Test
    void handlerInstanceIsCreatedOnceAndKeptWarm() {
        DeployedFunction function = deploy("demo.Methods::count");
        assertThat(invoke(function, "{}")).isEqualTo("1");
        assertThat(invoke(function, "{}")).isEqualTo("2");
    }

    @Test
    void staticInitializerRunsAtDeploy() {
        System.clearProperty("socketway.test.initialized");
        deploy("demo.Initialized::handle");
        assertThat(System.getProperty("socketway.test.initialized")).isEqualTo("yes");
    }

    @Test
    void concurrentInvocationsShareTheHandlerInstance() throws Exception {
        DeployedFunction function = deploy("demo.Methods::identity");
        Callable<String> call = () -> invoke(function, "{}");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = threads.invokeAll(IntStream.range(0, 32).mapToObj(i -> call).toList());
            List<String> identities = results.stream().map(Future::resultNow).distinct().toList();
            assertThat(identities).hasSize(1);
        }
    }
}
