package io.socketway.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * Reads a directory of classes and resources, as {@code /var/task} is on Lambda.
 *
 * <p>Threading: thread-safe; holds no open files.
 */
final class DirectoryCodeRoot implements CodeRoot {
    private final Path directory;
    private final URL location;
    private final @Nullable Manifest manifest;

    DirectoryCodeRoot(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath().normalize();
        this.location = this.directory.toUri().toURL();
        this.manifest = readManifest(this.directory.resolve(JarFile.MANIFEST_NAME));
    }

    @Override
    public URL location() {
        return location;
    }

    @Override
    public @Nullable URL find(String name) {
        Path path = resolve(name);
        return path == null || !Files.exists(path) ? null : toUrl(path);
    }

    @Override
    public @Nullable InputStream open(String name) throws IOException {
        Path path = resolve(name);
        return path == null || !Files.isRegularFile(path) ? null : Files.newInputStream(path);
    }

    @Override
    public @Nullable Manifest manifest() {
        return manifest;
    }

    @Override
    public void close() {}

    /** Returns the file for {@code name}, or {@code null} when the name is invalid or escapes the directory. */
    private @Nullable Path resolve(String name) {
        try {
            Path path = directory.resolve(name).normalize();
            return path.startsWith(directory) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable Manifest readManifest(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in);
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
