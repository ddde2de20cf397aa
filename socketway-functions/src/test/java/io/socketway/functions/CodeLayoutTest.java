package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CodeLayoutTest {
    /** Reports which jar or directory each class and resource came from. */
    static final String HANDLER = """
            package demo;
            import java.io.*;
            public class Where {
                public String handle(String className) throws Exception {
                    Class<?> type = Class.forName(className);
                    try (InputStream in = Where.class.getClassLoader().getResourceAsStream("greeting.txt")) {
                        String greeting = in == null ? "none" : new String(in.readAllBytes());
                        String location = type.getProtectionDomain().getCodeSource().getLocation().toURI().getPath();
                        java.net.URL url = Where.class.getResource("/greeting.txt");
                        return greeting + "|" + location + "|" + (url == null ? "none" : url.getProtocol());
                    }
                }
            }""";

    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    Path temp;

    private Path library(String name) {
        return HandlerJarBuilder.create()
                .source("lib." + name, "package lib; public class " + name + " {}")
                .buildJar(temp.resolve(name.toLowerCase() + ".jar"));
    }

    private static String[] where(DeployedFunction function, String className) {
        String output = invoke(function, "\"" + className + "\"");
        return output.substring(1, output.length() - 1).split("\\|");
    }

    @Test
    void jarServesClassesAndResources() {
        Path jar = HandlerJarBuilder.create().source("demo.Where", HANDLER).resource("greeting.txt", "hi")
                .buildJar(temp.resolve("where.jar"));

        String[] where = where(functions.deploy("Jar", "demo.Where::handle", jar), "demo.Where");

        assertThat(where).containsExactly("hi", jar.toString(), "jar");
    }

    @Test
    void lambdaZipPutsNestedLibrariesOnTheClassPathFromATemporaryDirectory() {
        Path zip = HandlerJarBuilder.create().source("demo.Where", HANDLER).library(library("Nested"))
                .buildZip(temp.resolve("where.zip"));
        DeployedFunction function = functions.deploy("Zip", "demo.Where::handle", zip);

        String[] where = where(function, "lib.Nested");

        Path extracted = Path.of(where[1]);
        assertThat(extracted).exists().hasFileName("nested.jar");
        assertThat(extracted.startsWith(temp)).isFalse();
        assertThat(where[0]).isEqualTo("none");
        assertThat(where[2]).isEqualTo("none");
    }

    @Test
    void closeDeletesExtractedLibraries() {
        Path zip = HandlerJarBuilder.create().source("demo.Where", HANDLER).library(library("Nested"))
                .buildZip(temp.resolve("where.zip"));
        DeployedFunction function = functions.deploy("Closing", "demo.Where::handle", zip);
        Path extracted = Path.of(where(function, "lib.Nested")[1]);

        function.close();

        assertThat(extracted).doesNotExist();
        assertThat(extracted.getParent()).doesNotExist();
    }

    @Test
    void directoryServesClassesAndJarsBesideThemAndUnderLib() throws Exception {
        Path directory = HandlerJarBuilder.create().source("demo.Where", HANDLER).library(library("UnderLib"))
                .resource("greeting.txt", "hello").buildDirectory(temp.resolve("function"));
        Files.copy(library("Beside"), directory.resolve("beside.jar"));
        DeployedFunction function = functions.deploy("Dir", "demo.Where::handle", directory);

        assertThat(where(function, "demo.Where")).containsExactly("hello", directory + "/", "file");
        assertThat(where(function, "lib.Beside")[1]).isEqualTo(directory.resolve("beside.jar").toString());
        assertThat(where(function, "lib.UnderLib")[1]).isEqualTo(directory.resolve("lib/underlib.jar").toString());
    }
}
