package io.socketway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code socketway connections list}: pages through the listing extension ({@code GET /{stage}/@connections}) and
 * prints every live connection of the stage. While more than one page is fetched and a person watches the terminal,
 * a count is drawn on standard error.
 *
 * <p>Not thread-safe: picocli fills and runs it on the calling thread.
 */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists the live connections of a stage: id, connected at, source IP, user agent, last active.")
final class ListConnectionsCommand extends ConnectionSubcommand {
    static final int MAX_PAGE = 1000;

    @Option(names = "--limit", paramLabel = "N", description = "Show at most N connections (default: all).")
    Optional<Integer> limit = Optional.empty();

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000",
            description = "Connections fetched per request, 1 to " + MAX_PAGE + " (default: ${DEFAULT-VALUE}).")
    int pageSize;

    @Override
    int run(ManagementClient client, PrintWriter out, PrintWriter err) throws ManagementFailure {
        if (limit.isPresent() && limit.get() < 1) {
            throw new IllegalArgumentException("--limit: " + limit.get() + " (expected: 1 or more)");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("--page-size: " + pageSize + " (expected: 1 to " + MAX_PAGE + ")");
        }
        int max = limit.orElse(Integer.MAX_VALUE);
        List<JsonNode> items = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ManagementClient.Answer answer = client.list(token, Math.min(pageSize, max - items.size()));
            if (!answer.ok()) {
                throw ManagementFailure.of(answer, client.endpoint(), "", client.key());
            }
            JsonNode page = ConnectionPrinter.parse(answer, client);
            page.path("items").forEach(item -> {
                if (items.size() < max) {
                    items.add(item);
                }
            });
            token = page.path("nextToken").asText("");
            progress(err, ++pages, items.size(), !token.isEmpty() && items.size() < max);
        } while (!token.isEmpty() && items.size() < max);
        ConnectionPrinter.list(items, !token.isEmpty(), options.output, out);
        return 0;
    }

    /** Draws "listed N connections..." over itself on a terminal, and erases it after the last page. */
    private void progress(PrintWriter err, int pages, int count, boolean more) {
        if (!parent.interactive() || (pages == 1 && !more)) {
            return;
        }
        String text = "listed " + count + " connections" + (more ? "..." : "");
        err.print(more ? "\r" + text : "\r" + " ".repeat(text.length() + 3) + "\r");
        err.flush();
    }
}
