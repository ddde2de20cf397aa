package io.socketway.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.FunctionException;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeployFailuresTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    static Path temp;

    static Path jar;

    @BeforeAll
    static void buildHandlers() {
        jar = HandlerJarBuilder.create()
                .source("demo.Plain", """
                        package demo;
                        public class Plain {
                            public String tooMany(String a, String b, String c, String d) { return a; }
                            public String twice(String input) { return input; }
                            public String twice(Integer input) { return "n"; }
                        }""")
                .source("demo.BrokenStatic", """
                        package demo;
                        public class BrokenStatic {
                            static { if (true) throw new IllegalStateException("no config"); }
                            public static String handle(Object input) { return "never"; }
                        }""")
                .source("demo.BrokenConstructor", """
                        package demo;
                        public class BrokenConstructor {
                            public BrokenConstructor() { throw new IllegalArgumentException("bad wiring"); }
                            public String handle(Object input) { return "never"; }
                        }""")
                .source("demo.NeedsArgument", """
                        package demo;
                        public class NeedsArgument {
                            public NeedsArgument(String name) {}
                            public String handle(Object input) { return "never"; }
                        }""")
                .source("demo.NeedsEvents", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
                        public class NeedsEvents implements RequestHandler<APIGatewayV2WebSocketEvent, String> {
                            public String handleRequest(APIGatewayV2WebSocketEvent event, Context context) { return "x"; }
                        }""")
                .buildJar(temp.resolve("plain.jar"));
    }

    private FunctionException deployFailure(FunctionDefinition definition) {
        return catchThrowableOfType(
                FunctionException.class, () -> functions.deploy(definition, FunctionsExtension.GATEWAY_ENV));
    }

    private FunctionException deployFailure(String handler) {
        return deployFailure(FunctionsExtension.definition("Broken", handler, jar));
    }

    @Test
    void missingCodeUriIsNamed() {
        Path missing = temp.resolve("nowhere.jar");

        FunctionException failure = deployFailure(FunctionsExtension.definition("Broken", "demo.Plain", missing));

        assertThat(failure).hasMessage("Broken.CodeUri: " + missing
                + " (expected: an existing, readable jar, Lambda zip or directory)");
    }

    @Test
    void codeUriThatIsNotAnArchiveIsNamed() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.zip"), "not a zip");

        FunctionException failure = deployFailure(FunctionsExtension.definition("Broken", "demo.Plain", text));

        assertThat(failure.getMessage()).startsWith("Broken.CodeUri: " + text
                + " (expected: a jar, Lambda zip or directory of classes; reading it failed: notes.zip is not a jar");
    }

    @Test
    void unsupportedRuntimeIsNamed() {
        FunctionDefinition python = new FunctionDefinition("Broken", "py", "app.handler", "python3.12", jar, Map.of(),
                Duration.ofSeconds(3), 128, OptionalInt.empty());

        assertThat(deployFailure(python))
                .hasMessage("Broken.Runtime: python3.12 (expected: one of java8.al2, java11, java17, java21, java25)");
    }

    @Test
    void malformedHandlerIsNamed() {
        assertThat(deployFailure("demo.Plain::"))
                .hasMessage("Broken.Handler: demo.Plain:: (expected: pkg.Class::method or pkg.Class)");
    }

    @Test
    void missingClassIsNamed() {
        FunctionException failure = deployFailure("demo.Missing::handle");

        assertThat(failure.errorType()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(failure).hasMessage(
                "Broken.Handler: demo.Missing::handle (expected: a class demo.Missing in CodeUri " + jar + ")");
    }

    @Test
    void missingMethodIsNamed() {
        assertThat(deployFailure("demo.Plain::nope"))
                .hasMessage("Broken.Handler: demo.Plain::nope (expected: a public method nope in demo.Plain)");
    }

    @Test
    void methodWithAnUnsupportedParameterListIsNamed() {
        assertThat(deployFailure("demo.Plain::tooMany")).hasMessage("Broken.Handler: demo.Plain::tooMany (expected: "
                + "a public method tooMany taking (), (I), (I, Context), (InputStream, OutputStream) or "
                + "(InputStream, OutputStream, Context))");
    }

    @Test
    void ambiguousOverloadsAreNamed() {
        assertThat(deployFailure("demo.Plain::twice").getMessage())
                .startsWith("Broken.Handler: demo.Plain::twice (expected: one method twice with the most parameters; "
                        + "found twice(")
                .contains("twice(String)", "twice(Integer)");
    }

    @Test
    void classWithoutLambdaInterfaceNeedsAMethod() {
        assertThat(deployFailure("demo.Plain")).hasMessage("Broken.Handler: demo.Plain (expected: a class implementing "
                + "RequestHandler or RequestStreamHandler, or pkg.Class::method)");
    }

    @Test
    void failingStaticInitializerFailsDeploy() {
        FunctionException failure = deployFailure("demo.BrokenStatic::handle");

        assertThat(failure.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failure).hasMessage("Broken.Handler: demo.BrokenStatic::handle (expected: a class whose static "
                + "initializer completes; it threw java.lang.IllegalStateException: no config)");
    }

    @Test
    void failingConstructorFailsDeploy() {
        FunctionException failure = deployFailure("demo.BrokenConstructor::handle");

        assertThat(failure.errorType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(failure).hasMessage("Broken.Handler: demo.BrokenConstructor::handle (expected: a public no-arg "
                + "constructor of demo.BrokenConstructor that completes; it threw java.lang.IllegalArgumentException: "
                + "bad wiring)");
    }

    @Test
    void handlerWithoutNoArgConstructorIsNamed() {
        assertThat(deployFailure("demo.NeedsArgument::handle")).hasMessage("Broken.Handler: demo.NeedsArgument::handle "
                + "(expected: a public no-arg constructor in demo.NeedsArgument)");
    }

    @Test
    void dependencyMissingFromCodeUriIsNamed() {
        FunctionException failure = deployFailure("demo.NeedsEvents");

        assertThat(failure.getMessage()).startsWith("Broken.Handler: demo.NeedsEvents (expected: every class "
                        + "demo.NeedsEvents needs, in CodeUri " + jar + "; missing ")
                .endsWith("missing com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent)");
    }

    @Test
    void classesTooNewForThisJvmAreNamed() throws IOException {
        Path directory = HandlerJarBuilder.create()
                .source("demo.Future", "package demo; public class Future { public static String handle() { return \"\"; } }")
                .buildDirectory(temp.resolve("future"));
        Path classFile = directory.resolve("demo/Future.class");
        byte[] bytes = Files.readAllBytes(classFile);
        bytes[7] = (byte) 99;
        Files.write(classFile, bytes);

        FunctionException failure = deployFailure(FunctionsExtension.definition("Broken", "demo.Future::handle", directory));

        assertThat(failure.getMessage()).startsWith("Broken.Handler: demo.Future::handle (expected: classes compiled "
                + "for Java " + Runtime.version().feature() + " or older, the gateway's JVM");
    }
}
