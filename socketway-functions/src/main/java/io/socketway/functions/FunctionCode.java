package io.socketway.functions;

import io.socketway.api.FunctionDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Opens a function's {@code CodeUri} as an ordered class path, as Lambda lays out {@code /var/task}: a jar or Lambda
 * zip (classes at the root, then each {@code lib/*.jar}, extracted to a temporary directory), or a directory (its
 * classes, then each {@code *.jar} in it, then each {@code lib/*.jar}). Jars and zips are treated alike, since Lambda
 * extracts both.
 *
 * <p>Threading: {@link #open} blocks on I/O and returns a code base that is not modified afterwards; the roots are
 * thread-safe; {@link #close} closes the jars and deletes the temporary directory.
 */
final class FunctionCode implements Closeable {
    private final List<CodeRoot> roots = new ArrayList<>();
    private @Nullable Path extracted;

    private FunctionCode() {}

    /** Opens the code of {@code function}, or throws a {@code FunctionException} naming its {@code CodeUri}. */
    static FunctionCode open(FunctionDefinition function) {
        Path codeUri = function.codeUri();
        if (!Files.isReadable(codeUri)) {
            throw DeployErrors.codeUri(function, "an existing, readable jar, Lambda zip or directory", null);
        }
        FunctionCode code = new FunctionCode();
        try {
            if (Files.isDirectory(codeUri)) {
                code.openDirectory(codeUri);
            } else {
                code.openArchive(codeUri, function.logicalId());
            }
            return code;
        } catch (IOException | RuntimeException e) {
            code.close();
            throw DeployErrors.codeUri(function, describe(e), e);
        }
    }

    /** Returns the class path, in lookup order. */
    List<CodeRoot> roots() {
        return List.copyOf(roots);
    }

    private void openDirectory(Path directory) throws IOException {
        roots.add(new DirectoryCodeRoot(directory));
        for (Path jar : jarsIn(directory)) {
            roots.add(openJar(jar));
        }
        for (Path jar : jarsIn(directory.resolve("lib"))) {
            roots.add(openJar(jar));
        }
    }

    private void openArchive(Path archive, String logicalId) throws IOException {
        JarCodeRoot root = openJar(archive);
        roots.add(root);
        List<JarEntry> nested = root.jar().stream()
                .filter(FunctionCode::isNestedLibrary)
                .sorted(Comparator.comparing(JarEntry::getName))
                .toList();
        if (nested.isEmpty()) {
            return;
        }
        Path directory = Files.createTempDirectory("socketway-" + logicalId.replaceAll("[^A-Za-z0-9]", "") + "-");
        extracted = directory;
        for (JarEntry entry : nested) {
            Path target = directory.resolve(entry.getName().substring("lib/".length()));
            try (InputStream in = root.jar().getInputStream(entry)) {
                Files.copy(in, target);
            }
            roots.add(openJar(target));
        }
    }

    private static JarCodeRoot openJar(Path jar) throws IOException {
        try {
            return JarCodeRoot.open(jar);
        } catch (ZipException e) {
            throw new ZipException(jar.getFileName() + " is not a jar or zip archive (" + e.getMessage() + ")");
        }
    }

    private static boolean isNestedLibrary(JarEntry entry) {
        String name = entry.getName();
        return name.startsWith("lib/")
                && name.endsWith(".jar")
                && name.indexOf('/', 4) < 0
                && name.indexOf('\\') < 0
                && !entry.isDirectory();
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }

    private static String describe(Exception e) {
        return "a jar, Lambda zip or directory of classes; reading it failed: " + e.getMessage();
    }

    @Override
    public void close() {
        for (CodeRoot root : roots) {
            try {
                root.close();
            } catch (IOException ignored) {
                // Closing a read-only jar only releases the file handle.
            }
        }
        if (extracted != null) {
            TemporaryFiles.deleteRecursively(extracted);
        }
    }
}
