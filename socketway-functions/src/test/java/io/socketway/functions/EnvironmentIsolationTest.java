package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EnvironmentIsolationTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    static Path temp;

    static Path zip;

    /** A bundled library, compiled for Java 8, reading the environment directly and through method references. */
    @BeforeAll
    static void buildHandler() {
        Path library = HandlerJarBuilder.create()
                .release(8)
                .source("lib.Config", """
                        package lib;
                        public final class Config {
                            public static String greeting() { return System.getenv("GREETING"); }
                        }""")
                .source("lib.EnvAware", """
                        package lib;
                        import java.util.Map;
                        import java.util.function.*;
                        public interface EnvAware {
                            default String byReference(String name) {
                                Function<String, String> one = System::getenv;
                                Supplier<Map<String, String>> all = System::getenv;
                                return one.apply(name) + "/" + all.get().get(name);
                            }
                        }""")
                .buildJar(temp.resolve("config-lib.jar"));
        zip = HandlerJarBuilder.create()
                .source("demo.EnvEcho", """
                        package demo;
                        import java.util.*;
                        public class EnvEcho implements lib.EnvAware {
                            private static final String AT_INIT = System.getenv("GREETING");
                            public Map<String, Object> handle(String name) {
                                Map<String, Object> out = new HashMap<>();
                                out.put("one", String.valueOf(System.getenv(name)));
                                out.put("all", System.getenv());
                                out.put("library", String.valueOf(lib.Config.greeting()));
                                out.put("reference", byReference(name));
                                out.put("atInit", String.valueOf(AT_INIT));
                                try {
                                    System.getenv().put("X", "y");
                                    out.put("mutable", "yes");
                                } catch (UnsupportedOperationException e) {
                                    out.put("mutable", "no");
                                }
                                return out;
                            }
                        }""")
                .library(library)
                .buildZip(temp.resolve("env.zip"));
    }

    private DeployedFunction deploy(String logicalId, Map<String, String> variables) {
        FunctionDefinition definition = FunctionsExtension.definition(logicalId, "demo.EnvEcho::handle", zip, variables);
        return functions.deploy(definition, FunctionsExtension.GATEWAY_ENV);
    }

    private static Map<String, Object> call(DeployedFunction function, String name) throws Exception {
        return new ObjectMapper().readValue(invoke(function, "\"" + name + "\""), new TypeReference<>() {});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> all(Map<String, Object> output) {
        return (Map<String, String>) output.get("all");
    }

    @Test
    void eachFunctionSeesOnlyItsOwnVariables() throws Exception {
        DeployedFunction english = deploy("English", Map.of("GREETING", "hello"));
        DeployedFunction spanish = deploy("Spanish", Map.of("GREETING", "hola"));

        Map<String, Object> fromEnglish = call(english, "GREETING");
        Map<String, Object> fromSpanish = call(spanish, "GREETING");

        assertThat(fromEnglish).containsEntry("one", "hello").containsEntry("library", "hello")
                .containsEntry("atInit", "hello")
                .containsEntry("reference", "hello/hello");
        assertThat(all(fromEnglish)).containsEntry("GREETING", "hello");
        assertThat(fromSpanish).containsEntry("one", "hola").containsEntry("library", "hola")
                .containsEntry("reference", "hola/hola");
        assertThat(all(fromSpanish)).containsEntry("GREETING", "hola");
        assertThat(System.getenv("GREETING")).isNull();
    }

    @Test
    void lambdaStandardVariablesAndGatewayCredentialsAreSet() throws Exception {
        Map<String, String> env = all(call(deploy("Standard", Map.of()), "PATH"));

        assertThat(env).containsEntry("AWS_LAMBDA_FUNCTION_NAME", "stack-Standard")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/stack-Standard")
                .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java21")
                .containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1")
                .containsEntry("AWS_ACCESS_KEY_ID", "AKIDGATEWAY")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "gateway-secret")
                .containsEntry("AWS_SESSION_TOKEN", "gateway-token")
                .containsEntry("_HANDLER", "demo.EnvEcho::handle")
                .containsEntry("LAMBDA_TASK_ROOT", zip.toAbsolutePath().toString())
                .containsEntry("TZ", ":UTC")
                .containsKeys("AWS_LAMBDA_LOG_STREAM_NAME", "LANG", "PATH");
    }

    @Test
    void functionVariablesWinOverGatewayVariables() throws Exception {
        Map<String, Object> output = call(deploy("Override", Map.of("AWS_ACCESS_KEY_ID", "AKIDFUNCTION")), "AWS_ACCESS_KEY_ID");

        assertThat(output).containsEntry("one", "AKIDFUNCTION");
    }

    @Test
    void hostVariablesDoNotLeakIntoFunctions() throws Exception {
        Map<String, String> gateway = new HashMap<>(FunctionsExtension.GATEWAY_ENV);
        gateway.remove("AWS_ACCESS_KEY_ID");
        FunctionDefinition definition =
                FunctionsExtension.definition("Sealed", "demo.EnvEcho::handle", zip, Map.of("GREETING", "hi"));
        DeployedFunction function = functions.deploy(definition, gateway);

        Map<String, Object> output = call(function, "AWS_ACCESS_KEY_ID");

        assertThat(output).containsEntry("one", "null");
        assertThat(all(output)).containsOnlyKeys(
                "PATH", "LANG", "TZ", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_INITIALIZATION_TYPE",
                "AWS_EXECUTION_ENV", "_HANDLER", "LAMBDA_TASK_ROOT", "GREETING");
    }

    @Test
    void environmentIsReadOnly() throws Exception {
        assertThat(call(deploy("ReadOnly", Map.of()), "GREETING")).containsEntry("mutable", "no");
    }

    @Test
    void redeployingTheSameFunctionKeepsEnvironmentsApart() throws Exception {
        DeployedFunction first = deploy("Twice", Map.of("GREETING", "first"));
        DeployedFunction second = deploy("Twice", Map.of("GREETING", "second"));
        first.close();

        assertThat(call(second, "GREETING")).containsEntry("one", "second");
    }
}
