package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ClassIsolationTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    Path temp;

    private Path handler(String file, String answer) {
        return HandlerJarBuilder.create()
                .source("demo.Handler", """
                        package demo;
                        public class Handler {
                            public String handle(Object input) { return Counter.next() + ":%s"; }
                        }""".formatted(answer))
                .source("demo.Counter", """
                        package demo;
                        public class Counter {
                            private static int count;
                            static synchronized int next() { return ++count; }
                        }""")
                .buildJar(temp.resolve(file));
    }

    @Test
    void functionsWithTheSameClassNamesDoNotSeeEachOther() {
        DeployedFunction one = functions.deploy("One", "demo.Handler::handle", handler("one.jar", "one"));
        DeployedFunction two = functions.deploy("Two", "demo.Handler::handle", handler("two.jar", "two"));

        assertThat(invoke(one, "{}")).isEqualTo("\"1:one\"");
        assertThat(invoke(one, "{}")).isEqualTo("\"2:one\"");
        assertThat(invoke(two, "{}")).isEqualTo("\"1:two\"");
    }

    @Test
    void gatewayLibrariesAreInvisibleButTheJdkAndBridgeAreNot() {
        Path jar = HandlerJarBuilder.create()
                .source("demo.Probe", """
                        package demo;
                        public class Probe {
                            public String visible(String className) {
                                try {
                                    Class.forName(className);
                                    return "visible";
                                } catch (ClassNotFoundException e) {
                                    return "hidden";
                                }
                            }
                        }""")
                .buildJar(temp.resolve("probe.jar"));
        DeployedFunction probe = functions.deploy("Probe", "demo.Probe::visible", jar);

        assertThat(invoke(probe, "\"com.fasterxml.jackson.databind.ObjectMapper\"")).isEqualTo("\"hidden\"");
        assertThat(invoke(probe, "\"org.slf4j.LoggerFactory\"")).isEqualTo("\"hidden\"");
        assertThat(invoke(probe, "\"io.socketway.functions.JavaFunctionRuntime\"")).isEqualTo("\"hidden\"");
        assertThat(invoke(probe, "\"io.socketway.functions.bridge.FunctionEnvRegistry\"")).isEqualTo("\"hidden\"");
        assertThat(invoke(probe, "\"com.amazonaws.services.lambda.runtime.events.SQSEvent\"")).isEqualTo("\"hidden\"");
        assertThat(invoke(probe, "\"io.socketway.functions.bridge.FunctionEnv\"")).isEqualTo("\"visible\"");
        assertThat(invoke(probe, "\"java.net.http.HttpClient\"")).isEqualTo("\"visible\"");
    }

    @Test
    void bundledCopiesOfJdkPackagesDoNotReplaceTheJdk() {
        Path xmlApis = HandlerJarBuilder.create()
                .release(8)
                .source("org.w3c.dom.Node", "package org.w3c.dom; public interface Node {}")
                .buildJar(temp.resolve("xml-apis.jar"));
        Path zip = HandlerJarBuilder.create()
                .source("demo.Handler", """
                        package demo;
                        public class Handler {
                            public String handle(Object input) throws Exception {
                                return String.valueOf(Class.forName("org.w3c.dom.Node").getClassLoader());
                            }
                        }""")
                .library(xmlApis)
                .buildZip(temp.resolve("xml.zip"));

        assertThat(invoke(functions.deploy("Xml", "demo.Handler::handle", zip), "{}")).isEqualTo("\"null\"");
    }
}
