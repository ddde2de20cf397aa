package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SharedLambdaInterfacesTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    Path temp;

    @Test
    void coreInterfacesComeFromTheGatewayEvenWhenBundled() {
        Path zip = HandlerJarBuilder.create()
                .source("demo.Loaders", """
                        package demo;
                        import com.amazonaws.services.lambda.runtime.*;
                        import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
                        import com.amazonaws.services.lambda.runtime.logging.LogLevel;
                        public class Loaders implements RequestHandler<Object, String> {
                            public String handleRequest(Object input, Context context) {
                                return System.identityHashCode(RequestHandler.class) + " "
                                        + System.identityHashCode(LogLevel.class) + " "
                                        + APIGatewayV2WebSocketEvent.class.getClassLoader().getName();
                            }
                        }""")
                .library(HandlerJarBuilder.jarOf(RequestHandler.class))
                .library(HandlerJarBuilder.jarOf(APIGatewayV2WebSocketEvent.class))
                .buildZip(temp.resolve("bundles-core.zip"));
        DeployedFunction function = functions.deploy("Bundler", "demo.Loaders", zip);

        String expected = System.identityHashCode(RequestHandler.class) + " "
                + System.identityHashCode(LogLevel.class) + " stack-Bundler";
        assertThat(invoke(function, "{}")).isEqualTo("\"" + expected + "\"");
    }
}
