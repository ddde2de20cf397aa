package io.socketway.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads a jar (or Lambda zip) in place, multi-release aware, keeping it open until {@link #close}.
 *
 * <p>Threading: thread-safe ({@link JarFile} is).
 */
final class JarCodeRoot implements CodeRoot {
    private final JarFile jar;
    private final URL location;
    private final String entryUrlPrefix;
    private final @Nullable Manifest manifest;

    private JarCodeRoot(JarFile jar, Path path) throws IOException {
        this.jar = jar;
        this.location = path.toUri().toURL();
        this.entryUrlPrefix = "jar:" + path.toUri() + "!/";
        this.manifest = jar.getManifest();
    }

    /** Opens the archive at {@code path}; throws {@link java.util.zip.ZipException} when it is not a zip. */
    static JarCodeRoot open(Path path) throws IOException {
        JarFile jar = new JarFile(path.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
        try {
            return new JarCodeRoot(jar, path);
        } catch (IOException | RuntimeException e) {
            jar.close();
            throw e;
        }
    }

    /** Returns the underlying archive, for extracting nested jars. */
    JarFile jar() {
        return jar;
    }

    @Override
    public URL location() {
        return location;
    }

    @Override
    public @Nullable URL find(String name) {
        return jar.getJarEntry(name) == null ? null : toUrl(name);
    }

    @Override
    public @Nullable InputStream open(String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        return entry == null || entry.isDirectory() ? null : jar.getInputStream(entry);
    }

    @Override
    public @Nullable Manifest manifest() {
        return manifest;
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }

    private URL toUrl(String name) {
        try {
            return URI.create(entryUrlPrefix + CodeRoot.encodePath(name)).toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return jar.getName();
    }
}
