package io.socketway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a usage report as tables for people: the meters with their cost, each stage and route, the last hours with
 * traffic, and the connection timeouts. Names from the gateway (stages, routes) are cleaned of control characters.
 *
 * <p>Stateless and thread-safe.
 */
final class UsagePrinter {
    private UsagePrinter() {}

    static void print(JsonNode r, int hours, PrintWriter out) {
        JsonNode t = r.path("totals");
        JsonNode c = r.path("cost");
        out.println("Usage since " + ConnectionPrinter.clean(r.path("since").asText()) + ", costed at AWS list prices ("
                + ConnectionPrinter.clean(r.path("currency").asText()) + ") as of "
                + ConnectionPrinter.clean(r.path("pricesAsOf").asText()));
        out.println();
        List<String[]> meters = new ArrayList<>();
        meters.add(new String[] {"METER", "COUNT", "COST"});
        meters.add(row("Messages (32 KB units)", t.path("messageUnits"), c.path("messages")));
        meters.add(new String[] {"  in / out", t.path("messagesIn").asText() + " / " + t.path("messagesOut").asText(),
            ""});
        meters.add(row("Connection-minutes", t.path("connectionMinutes"), c.path("connectionMinutes")));
        meters.add(row("Lambda requests", t.path("invocations"), c.path("lambdaRequests")));
        meters.add(row("Lambda GB-seconds", t.path("gbSeconds"), c.path("lambdaDuration")));
        meters.add(new String[] {"Connections opened", t.path("connections").asText(), ""});
        meters.add(new String[] {"Bytes in / out", t.path("bytesIn").asText() + " / " + t.path("bytesOut").asText(),
            ""});
        meters.add(new String[] {"Total", "", money(c.path("total"))});
        ConnectionPrinter.printColumns(meters, out);
        out.println();
        stages(r, out);
        out.println();
        hours(r, hours, out);
        out.println();
        JsonNode to = r.path("timeouts");
        out.println("Timeouts: idle " + to.path("idleTimeout").asText() + " (" + to.path("idleClosures").asText()
                + " closed), maximum duration " + to.path("maxDuration").asText() + " ("
                + to.path("maxDurationClosures").asText() + " closed)");
    }

    private static void stages(JsonNode r, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STAGE", "ROUTE", "MESSAGE UNITS", "INVOCATIONS", "GB-SECONDS", "COST"});
        for (JsonNode s : r.path("stages")) {
            String stage = ConnectionPrinter.truncate(ConnectionPrinter.clean(s.path("stage").asText()));
            JsonNode t = s.path("totals");
            rows.add(new String[] {stage, "(all)", t.path("messageUnits").asText(), t.path("invocations").asText(),
                number(t.path("gbSeconds")), money(s.path("cost").path("total"))});
            for (JsonNode route : s.path("routes")) {
                rows.add(new String[] {stage, ConnectionPrinter.truncate(ConnectionPrinter.clean(
                        route.path("route").asText())), route.path("messageUnits").asText(),
                    route.path("invocations").asText(), number(route.path("gbSeconds")), ""});
            }
        }
        ConnectionPrinter.printColumns(rows, out);
    }

    private static void hours(JsonNode r, int last, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOUR (UTC)", "MESSAGE UNITS", "CONNECTION-MINUTES", "INVOCATIONS", "GB-SECONDS",
            "COST"});
        JsonNode all = r.path("hours");
        for (int i = Math.max(0, all.size() - last); i < all.size(); i++) {
            JsonNode h = all.get(i);
            if (h.path("messageUnits").asLong() + h.path("connectionMinutes").asLong()
                    + h.path("invocations").asLong() > 0) {
                rows.add(new String[] {ConnectionPrinter.clean(h.path("hour").asText()), h.path("messageUnits").asText(),
                    h.path("connectionMinutes").asText(), h.path("invocations").asText(), number(h.path("gbSeconds")),
                    money(h.path("cost"))});
            }
        }
        if (rows.size() == 1) {
            out.println("No traffic in the last " + last + (last == 1 ? " hour" : " hours"));
        } else {
            ConnectionPrinter.printColumns(rows, out);
        }
    }

    private static String[] row(String meter, JsonNode count, JsonNode cost) {
        return new String[] {meter, count.isFloatingPointNumber() ? number(count) : count.asText(), money(cost)};
    }

    /** Shows an amount in full, without exponent or trailing zeros: 0.000006, 1400. */
    static String money(JsonNode amount) {
        return "$" + number(amount);
    }

    private static String number(JsonNode value) {
        return BigDecimal.valueOf(value.asDouble()).stripTrailingZeros().toPlainString();
    }
}
