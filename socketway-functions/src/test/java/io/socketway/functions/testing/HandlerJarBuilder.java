package io.socketway.functions.testing;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles Java handler sources at test time and packages them as a Lambda function artifact: a jar, a Lambda
 * deployment zip (classes at the root, bundled jars under {@code lib/}), or a directory of classes (bundled jars under
 * {@code lib/}).
 *
 * <p>Sources compile against {@code aws-lambda-java-core} and {@code aws-lambda-java-events}, found where the test
 * class path holds them, plus every jar added with {@link #library}. Those two jars are not bundled unless added with
 * {@link #library}, as a function's build would bundle them. Self-contained: depends only on the JDK and those two
 * Lambda jars.
 *
 * <pre>{@code
 * Path zip = HandlerJarBuilder.create()
 *         .source("demo.Handler", "package demo; public class Handler { ... }")
 *         .library(HandlerJarBuilder.jarOf(APIGatewayV2WebSocketEvent.class))
 *         .buildZip(tempDir.resolve("function.zip"));
 * }</pre>
 *
 * <p>Threading: not thread-safe; build on one thread.
 */
public final class HandlerJarBuilder {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final List<Path> libraries = new ArrayList<>();
    private int release = 21;

    private HandlerJarBuilder() {}

    /** Returns an empty builder that compiles for Java 21. */
    public static HandlerJarBuilder create() {
        return new HandlerJarBuilder();
    }

    /** Returns the jar (or class directory) that holds {@code type} on this JVM's class path. */
    public static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("location of " + type.getName(), e);
        }
    }

    /** Adds the source of the top-level class {@code className}, for example {@code demo.Handler}. */
    public HandlerJarBuilder source(String className, String code) {
        sources.put(requireNonNull(className, "className"), requireNonNull(code, "code"));
        return this;
    }

    /** Adds a resource file, for example {@code config/greeting.txt}. */
    public HandlerJarBuilder resource(String name, String content) {
        resources.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Compiles against {@code jar} too and bundles it under {@code lib/}. */
    public HandlerJarBuilder library(Path jar) {
        libraries.add(requireNonNull(jar, "jar"));
        return this;
    }

    /** Sets the {@code --release} to compile for (default 21); 8 gives Java 8 class files. */
    public HandlerJarBuilder release(int value) {
        this.release = value;
        return this;
    }

    /** Writes a jar with the compiled classes and resources (and {@code lib/} when libraries were added). */
    public Path buildJar(Path file) {
        return writeArchive(file, true);
    }

    /** Writes a Lambda deployment zip: classes and resources at the root, libraries under {@code lib/}. */
    public Path buildZip(Path file) {
        return writeArchive(file, false);
    }

    /** Writes a directory of classes and resources, with libraries under {@code lib/}. */
    public Path buildDirectory(Path directory) {
        try {
            for (Map.Entry<String, byte[]> entry : entries().entrySet()) {
                Path target = directory.resolve(entry.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, entry.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeArchive(Path file, boolean jar) {
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = jar ? new JarOutputStream(out, manifest()) : new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries().entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        return manifest;
    }

    /** Returns every file of the artifact by path: classes, resources, then {@code lib/*.jar}. */
    private Map<String, byte[]> entries() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(compile());
        entries.putAll(resources);
        for (Path library : libraries) {
            entries.put("lib/" + library.getFileName(), Files.readAllBytes(library));
        }
        return entries;
    }

    private Map<String, byte[]> compile() throws IOException {
        Path output = Files.createTempDirectory("handler-classes-");
        try {
            runCompiler(output);
            return readClasses(output);
        } finally {
            deleteRecursively(output);
        }
    }

    private void runCompiler(Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of(
                "--release", Integer.toString(release), "-Xlint:-options", "-proc:none",
                "-classpath", classPath(), "-d", output.toString());
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> (JavaFileObject) new SourceFile(e.getKey(), e.getValue()))
                .toList();
        boolean compiled = compiler.getTask(null, null, diagnostics, options, null, units).call();
        if (!compiled) {
            throw new IllegalArgumentException("handler sources do not compile: " + diagnostics.getDiagnostics());
        }
    }

    private String classPath() {
        Stream<Path> lambdaJars = Stream.of(jarOf(RequestHandler.class), jarOf(APIGatewayV2WebSocketEvent.class));
        return Stream.concat(lambdaJars, libraries.stream())
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Map<String, byte[]> readClasses(Path output) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                classes.put(output.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return classes;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String code;

        SourceFile(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
