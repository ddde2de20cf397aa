package io.socketway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code socketway connections send ID (--data TEXT | --file PATH | -)}: calls PostToConnection with the raw bytes;
 * the client receives them as one text message (binary when they are not UTF-8).
 *
 * <p>Not thread-safe: picocli fills and runs it on the calling thread.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sends one message to a connection (PostToConnection), from --data, --file or standard input (-).",
            "The client receives it as one text message, or binary when the bytes are not UTF-8."
        })
final class SendCommand extends ConnectionSubcommand {
    private static final String EXPECTED = "expected: exactly one of --data TEXT, --file PATH, or - to read"
            + " standard input";

    @Parameters(index = "0", paramLabel = "ID", description = "The connection id.")
    String connectionId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "-", description = "Read the message from standard input.")
    @Nullable String stdinMarker;

    @Option(names = "--data", paramLabel = "TEXT", description = "The message, as UTF-8 text.")
    Optional<String> data = Optional.empty();

    @Option(names = "--file", paramLabel = "PATH", description = "Send this file's bytes (- for standard input).")
    Optional<Path> file = Optional.empty();

    @Override
    int run(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        byte[] message = message();
        ok(client.post(connectionId, message), client, connectionId);
        if (options.output == ManagementOptions.Output.TABLE) {
            out.println("Sent " + message.length + " bytes to " + ConnectionPrinter.clean(connectionId) + ".");
        }
        return 0;
    }

    private byte[] message() {
        if (stdinMarker != null && !stdinMarker.equals("-")) {
            throw new IllegalArgumentException("send: " + stdinMarker + " (" + EXPECTED + "; --data takes the text)");
        }
        int sources = (data.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0) + (stdinMarker != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("send: " + (sources == 0 ? "no message" : "several messages")
                    + " (" + EXPECTED + ")");
        }
        if (data.isPresent()) {
            return data.get().getBytes(StandardCharsets.UTF_8);
        }
        Path path = file.orElse(Path.of("-"));
        try {
            return path.toString().equals("-") ? parent.stdin().readAllBytes() : Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("--file: " + path + " (expected: a readable file; " + e + ")");
        }
    }
}
