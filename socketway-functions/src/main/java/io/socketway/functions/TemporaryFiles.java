package io.socketway.functions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes temporary directories, logging instead of failing when a file cannot be removed.
 *
 * <p>Threading: stateless; blocks on file I/O.
 */
final class TemporaryFiles {
    private static final Logger logger = LoggerFactory.getLogger(TemporaryFiles.class);

    private TemporaryFiles() {}

    /** Deletes {@code directory} and everything under it, best effort. */
    static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(TemporaryFiles::delete);
        } catch (IOException | UncheckedIOException e) {
            logger.warn("Could not delete temporary directory {}", directory, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
