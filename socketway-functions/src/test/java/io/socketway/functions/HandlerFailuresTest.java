package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.api.spi.FunctionException;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HandlerFailuresTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    static Path temp;

    static Path jar;

    @BeforeAll
    static void buildHandlers() {
        jar = HandlerJarBuilder.create()
                .source("demo.OrderRejected", """
                        package demo;
                        public class OrderRejected extends Exception {
                            public OrderRejected(String message) { super(message); }
                        }""")
                .source("demo.Order", """
                        package demo;
                        public class Order { public int quantity; }""")
                .source("demo.Failing", """
                        package demo;
                        import java.io.*;
                        public class Failing {
                            public String illegal(Object input) { throw new IllegalStateException("boom"); }
                            public String checked(Order order) throws OrderRejected {
                                throw new OrderRejected("too many: " + order.quantity);
                            }
                            public void stream(InputStream in, OutputStream out) throws IOException {
                                throw new IOException("disk on fire");
                            }
                            public Object unserializable(Object input) { return new Object() { public int getBad() { throw new IllegalArgumentException("getter"); } }; }
                        }""")
                .buildJar(temp.resolve("failing.jar"));
    }

    private FunctionException failure(String handler, String event) {
        DeployedFunction function = functions.deploy("Failing", handler, jar);
        return catchThrowableOfType(FunctionException.class, () -> invoke(function, event));
    }

    @Test
    void runtimeExceptionKeepsItsTypeAndMessage() {
        FunctionException failure = failure("demo.Failing::illegal", "{}");

        assertThat(failure.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure).hasMessage("boom").hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void checkedExceptionOfTheFunctionIsReportedByItsClassName() {
        FunctionException failure = failure("demo.Failing::checked", "{\"quantity\":99}");

        assertThat(failure.errorType()).isEqualTo("demo.OrderRejected");
        assertThat(failure).hasMessage("too many: 99");
        assertThat(failure.getCause().getClass().getName()).isEqualTo("demo.OrderRejected");
    }

    @Test
    void streamHandlerExceptionsAreMappedToo() {
        FunctionException failure = failure("demo.Failing::stream", "{}");

        assertThat(failure.errorType()).isEqualTo("java.io.IOException");
        assertThat(failure).hasMessage("disk on fire");
    }

    @Test
    void eventThatDoesNotFitTheInputTypeFailsClearly() {
        FunctionException failure = failure("demo.Failing::checked", "{\"quantity\":\"many\"}");

        assertThat(failure.errorType()).isEqualTo("java.lang.RuntimeException");
        assertThat(failure.getMessage())
                .startsWith("An error occurred during JSON parsing: event (expected: JSON for demo.Order): ")
                .contains("many");
    }

    @Test
    void malformedJsonFailsClearly() {
        FunctionException failure = failure("demo.Failing::checked", "{not json");

        assertThat(failure.getMessage()).startsWith("An error occurred during JSON parsing: event (expected: JSON");
    }

    @Test
    void outputThatCannotBeSerializedFailsClearly() {
        FunctionException failure = failure("demo.Failing::unserializable", "{}");

        assertThat(failure.getMessage()).startsWith("An error occurred during JSON serialization of response: ")
                .contains("getter");
    }

    @Test
    void closedFunctionRefusesInvocations() {
        DeployedFunction function = functions.deploy("Closed", "demo.Failing::illegal", jar);
        function.close();
        function.close();

        FunctionException failure = catchThrowableOfType(FunctionException.class, () -> invoke(function, "{}"));

        assertThat(failure).hasMessage("stack-Closed: closed (expected: open)");
    }
}
