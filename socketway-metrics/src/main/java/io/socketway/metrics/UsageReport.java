package io.socketway.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socketway.api.ApiDefinition;
import io.socketway.api.StageDefinition;
import io.socketway.core.Limits;
import io.socketway.metrics.UsageMeter.Metric;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders {@code GET /_socketway/usage}: totals, cost, per stage and route, the last hours and the connection timeouts,
 * from the store's counters plus the node's unflushed and live counts (see docs/operations.md, "Usage and cost").
 *
 * <p>Stateless and thread-safe.
 */
final class UsageReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR_SECONDS = 3600;

    private UsageReport() {}

    /** The parsed counters: per stage, per stage and route, per hour (epoch hour). */
    private record Parsed(Map<String, Map<String, Long>> stages, Map<String, Map<String, Map<String, Long>>> routes,
            Map<Long, Map<String, Long>> hours) {}

    static String render(ApiDefinition api, Map<String, Long> counters, Instant since, Instant now,
            UsageSettings settings, Limits limits) {
        Parsed p = parse(api, counters);
        Prices prices = settings.prices();
        ObjectNode root = JSON.createObjectNode();
        root.put("since", since.truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("generatedAt", now.truncatedTo(ChronoUnit.MILLIS).toString());
        root.put("pricesAsOf", prices.asOf().toString());
        root.put("currency", prices.currency());
        Map<String, Long> all = new TreeMap<>();
        p.stages().values().forEach(s -> s.forEach((k, v) -> all.merge(k, v, Long::sum)));
        root.set("totals", totals(all));
        root.set("cost", cost(all, prices));
        ArrayNode stages = root.putArray("stages");
        p.stages().forEach((stage, values) -> {
            ObjectNode s = stages.addObject().put("stage", stage);
            s.set("totals", totals(values));
            s.set("cost", cost(values, prices));
            ArrayNode routes = s.putArray("routes");
            p.routes().getOrDefault(stage, Map.of()).forEach((route, r) -> routes.addObject().put("route", route)
                    .put("messageUnits", get(r, Metric.MESSAGE_UNITS)).put("invocations", get(r, Metric.INVOCATIONS))
                    .put("gbSeconds", Metering.gbSeconds(get(r, Metric.MB_MILLIS))));
        });
        root.set("hours", hours(p.hours(), since, now, settings));
        root.putObject("timeouts").put("idleTimeout", limits.idleTimeout().toString())
                .put("maxDuration", limits.maxDuration().toString())
                .put("idleClosures", get(all, Metric.IDLE_CLOSURES))
                .put("maxDurationClosures", get(all, Metric.MAX_DURATION_CLOSURES));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode totals(Map<String, Long> v) {
        long in = get(v, Metric.MESSAGES_IN);
        long out = get(v, Metric.MESSAGES_OUT);
        return JSON.createObjectNode().put("messages", in + out).put("messageUnits", get(v, Metric.MESSAGE_UNITS))
                .put("messagesIn", in).put("messagesOut", out)
                .put("connectionMinutes", get(v, Metric.CONNECTION_MINUTES))
                .put("connections", get(v, Metric.CONNECTIONS)).put("invocations", get(v, Metric.INVOCATIONS))
                .put("gbSeconds", Metering.gbSeconds(get(v, Metric.MB_MILLIS)))
                .put("bytesIn", get(v, Metric.BYTES_IN)).put("bytesOut", get(v, Metric.BYTES_OUT));
    }

    private static ObjectNode cost(Map<String, Long> v, Prices prices) {
        double messages = prices.messages(get(v, Metric.MESSAGE_UNITS));
        double minutes = prices.connectionMinutes(get(v, Metric.CONNECTION_MINUTES));
        double requests = prices.lambdaRequests(get(v, Metric.INVOCATIONS));
        double duration = prices.lambdaDuration(Metering.gbSeconds(get(v, Metric.MB_MILLIS)));
        return JSON.createObjectNode().put("messages", messages).put("connectionMinutes", minutes)
                .put("lambdaRequests", requests).put("lambdaDuration", duration)
                .put("total", sum(messages, minutes, requests, duration));
    }

    /** Lists every hour of the window that began at or after {@code since}'s hour, oldest first, zeros included. */
    private static ArrayNode hours(Map<Long, Map<String, Long>> hours, Instant since, Instant now,
            UsageSettings settings) {
        long last = now.getEpochSecond() / HOUR_SECONDS;
        long first = Math.max(since.getEpochSecond() / HOUR_SECONDS, last - settings.hours() + 1);
        ArrayNode out = JSON.createArrayNode();
        for (long hour = first; hour <= last; hour++) {
            Map<String, Long> v = hours.getOrDefault(hour, Map.of());
            ObjectNode cost = cost(v, settings.prices());
            out.addObject().put("hour", Instant.ofEpochSecond(hour * HOUR_SECONDS).toString())
                    .put("messageUnits", get(v, Metric.MESSAGE_UNITS))
                    .put("connectionMinutes", get(v, Metric.CONNECTION_MINUTES))
                    .put("invocations", get(v, Metric.INVOCATIONS))
                    .put("gbSeconds", Metering.gbSeconds(get(v, Metric.MB_MILLIS)))
                    .put("cost", cost.get("total").asDouble());
        }
        return out;
    }

    private static Parsed parse(ApiDefinition api, Map<String, Long> counters) {
        Parsed p = new Parsed(new LinkedHashMap<>(), new LinkedHashMap<>(), new TreeMap<>());
        for (StageDefinition s : api.stages()) {
            p.stages().put(s.name(), new TreeMap<>());
            Map<String, Map<String, Long>> routes = p.routes().computeIfAbsent(s.name(), k -> new LinkedHashMap<>());
            api.routes().keySet().forEach(r -> routes.put(r, new TreeMap<>()));
        }
        new TreeMap<>(counters).forEach((name, value) -> {
            String[] parts = name.split("\\|", -1);
            String metric = parts[parts.length - 1];
            if (parts.length == 3 && parts[0].equals("s")) {
                p.stages().computeIfAbsent(parts[1], k -> new TreeMap<>()).merge(metric, value, Long::sum);
            } else if (parts.length >= 4 && parts[0].equals("r")) {
                String route = name.substring(3 + parts[1].length(), name.length() - metric.length() - 1);
                p.stages().computeIfAbsent(parts[1], k -> new TreeMap<>());
                p.routes().computeIfAbsent(parts[1], k -> new LinkedHashMap<>())
                        .computeIfAbsent(route, k -> new TreeMap<>()).merge(metric, value, Long::sum);
            } else if (parts.length == 3 && parts[0].equals("h")) {
                long hour = Instant.parse(parts[1]).getEpochSecond() / HOUR_SECONDS;
                p.hours().computeIfAbsent(hour, k -> new TreeMap<>()).merge(metric, value, Long::sum);
            }
        });
        return p;
    }

    private static long get(Map<String, Long> values, Metric metric) {
        return values.getOrDefault(metric.key, 0L);
    }

    private static double sum(double... costs) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (double c : costs) {
            total = total.add(java.math.BigDecimal.valueOf(c));
        }
        return Prices.round(total);
    }
}
