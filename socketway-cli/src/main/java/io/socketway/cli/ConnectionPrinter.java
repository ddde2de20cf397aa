package io.socketway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints connections in the shapes of the {@code @connections} API: a table for people (cells cleaned of control
 * characters and truncated), or pretty-printed JSON for scripts.
 *
 * <p>Stateless and thread-safe.
 */
final class ConnectionPrinter {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_CELL = 40;
    private static final String[] HEADERS = {"CONNECTION ID", "CONNECTED AT", "SOURCE IP", "USER AGENT", "LAST ACTIVE"};

    private ConnectionPrinter() {}

    /** Parses a successful answer's body, or fails naming the endpoint. */
    static JsonNode parse(ManagementClient.Answer answer, ManagementClient client) throws ManagementFailure {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw ManagementFailure.unexpected(client.endpoint(), "expected a JSON object, got: " + answer.body());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ManagementFailure.unexpected(client.endpoint(), "not JSON: " + e.getOriginalMessage());
        }
    }

    /** Prints a listing; {@code more} tells that {@code --limit} left connections out. */
    static void list(List<JsonNode> items, boolean more, ManagementOptions.Output output, PrintWriter out) {
        if (output == ManagementOptions.Output.JSON) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("items");
            items.forEach(array::add);
            out.println(pretty(root));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (JsonNode item : items) {
            rows.add(new String[] {
                clean(item.path("connectionId").asText()), time(item.path("connectedAt").asText()),
                truncate(clean(item.at("/identity/sourceIp").asText())),
                truncate(clean(item.at("/identity/userAgent").asText())), time(item.path("lastActiveAt").asText())
            });
        }
        if (!items.isEmpty()) {
            printColumns(rows, out);
        }
        String count = items.size() == 1 ? "1 connection" : items.size() + " connections";
        out.println(more ? count + " shown (--limit reached; more exist)" : count);
    }

    /** Prints one GetConnection answer for {@code connectionId}. */
    static void one(String connectionId, JsonNode connection, ManagementOptions.Output output, PrintWriter out) {
        if (output == ManagementOptions.Output.JSON) {
            out.println(pretty(connection));
            return;
        }
        List<String[]> rows = List.of(
                new String[] {"Connection ID", clean(connectionId)},
                new String[] {"Connected at", clean(connection.path("connectedAt").asText())},
                new String[] {"Last active at", clean(connection.path("lastActiveAt").asText())},
                new String[] {"Source IP", clean(connection.at("/identity/sourceIp").asText())},
                new String[] {"User agent", clean(connection.at("/identity/userAgent").asText())});
        printColumns(rows, out);
    }

    /** Prints rows as left-aligned columns, the first row being the header. */
    static void printColumns(List<String[]> rows, PrintWriter out) {
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Shows an ISO-8601 instant to the second; anything else as it came. */
    static String time(String iso) {
        try {
            return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return clean(iso);
        }
    }

    /** Replaces control characters so that a client-chosen value cannot move the cursor or recolour a terminal. */
    static String clean(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.isEmpty() ? "-" : out.toString();
    }

    static String truncate(String value) {
        return value.length() <= MAX_CELL ? value : value.substring(0, MAX_CELL - 3) + "...";
    }

    static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
