package io.socketway.functions;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;

/**
 * Reads one entry of a function's class path: a jar or a directory of classes.
 *
 * <p>Threading: thread-safe once opened; {@link #close} must not race with reads.
 */
sealed interface CodeRoot extends Closeable permits JarCodeRoot, DirectoryCodeRoot {

    /** Returns the URL that {@code CodeSource.getLocation()} shows for classes of this root. */
    URL location();

    /** Returns the URL of the resource {@code name}, or {@code null} when this root lacks it. */
    @Nullable URL find(String name);

    /** Opens the resource {@code name}, or returns {@code null} when this root lacks it. */
    @Nullable InputStream open(String name) throws IOException;

    /** Returns the root's manifest, or {@code null} when it has none. */
    @Nullable Manifest manifest();

    @Override
    void close() throws IOException;

    /** Returns {@code name} with the characters a URL path cannot hold percent-encoded. */
    static String encodePath(String name) {
        try {
            return new URI(null, null, "/" + name, null).getRawPath().substring(1);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("resource name: " + name + " (expected: a valid path)", e);
        }
    }
}
