package io.socketway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The access-log writer queues, writes whole lines from its own thread, rotates files and counts what it drops. */
@Timeout(30)
class AccessLogWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeAndKeepsTheNewestFiles() throws Exception {
        Path file = dir.resolve("access.log");
        List<String> written = new ArrayList<>();
        try (AccessLogWriter writer = AccessLogWriter.rollingFile(file, 100, 2, 1000)) {
            for (int i = 0; i < 20; i++) {
                String line = String.format("{\"requestId\":\"line-%02d\",\"status\":\"200\"}", i);
                writer.write("dev", line);
                written.add(line);
                await().atMost(WAIT).until(() -> allLines(file).contains(line));
            }
        }
        assertThat(file.resolveSibling("access.log.1")).exists();
        assertThat(file.resolveSibling("access.log.2")).exists();
        assertThat(file.resolveSibling("access.log.3")).doesNotExist();
        for (Path f : List.of(file, file.resolveSibling("access.log.1"), file.resolveSibling("access.log.2"))) {
            assertThat(Files.size(f)).as("%s rotated at 100 bytes", f).isLessThanOrEqualTo(100 + 45);
        }
        List<String> kept = allLines(file);
        assertThat(written).endsWith(kept.toArray(String[]::new));
        assertThat(kept).hasSizeBetween(6, 9);
    }

    /** Returns the lines of the rotated files, oldest first, then of the current file. */
    private static List<String> allLines(Path file) {
        List<String> lines = new ArrayList<>();
        for (String name : List.of(".2", ".1", "")) {
            Path f = file.resolveSibling(file.getFileName() + name);
            try {
                if (Files.exists(f)) {
                    lines.addAll(Files.readAllLines(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    @Test
    void writesEveryQueuedLineBeforeClosing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AccessLogWriter writer = AccessLogWriter.to(out, 100)) {
            for (int i = 0; i < 50; i++) {
                writer.write("dev", "line " + i);
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(50).startsWith("line 0").endsWith("line 49");
    }

    @Test
    void dropsAndCountsLinesWhenTheQueueIsFullInsteadOfBlocking() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        try (AccessLogWriter writer = AccessLogWriter.to(stuck, 1)) {
            writer.write("dev", "first");
            assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
            writer.write("dev", "queued");
            writer.write("dev", "dropped");
            writer.write("dev", "dropped too");
            assertThat(writer.dropped()).isEqualTo(2);
            release.countDown();
        }
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo("first\nqueued\n");
    }
}
