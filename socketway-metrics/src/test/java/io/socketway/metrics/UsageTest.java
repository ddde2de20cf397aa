package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.security.sigv4.AccessKey;
import io.socketway.testing.TestWebSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /_socketway/usage} meters what real clients did to a real gateway, on AWS's meters and prices. */
@Timeout(60)
class UsageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SMALL = "{\"action\":\"echo\"}";
    /** Exactly 33 KB: two 32 KB units in each direction. */
    private static final String BIG = "{\"action\":\"echo\",\"pad\":\"" + "x".repeat(33 * 1024 - 26) + "\"}";

    private static OpsFixture.Builder echo(Function<io.socketway.api.ApiDefinition, SocketwayUsage> usage) {
        return OpsFixture.builder()
                .route("$connect", false, e -> Map.of("statusCode", 200))
                .route("$disconnect", false, e -> Map.of())
                .memorySize(512)
                .route("echo", true, e -> Map.of("statusCode", 200, "body", e.get("body").asText()))
                .settings(s -> s.withLimits(s.limits().withSizes(131072, 131072)))
                .usage(usage);
    }

    static JsonNode report(OpsFixture ops) throws Exception {
        HttpResponse<String> response = ops.get("/_socketway/usage");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return TestFunctions.JSON.readTree(response.body());
    }

    @Test
    void metersMessagesIn32KbUnitsConnectionMinutesAndInvocationsPerStageRouteAndHour() throws Exception {
        try (OpsFixture ops = echo(api -> SocketwayUsage.create(api, UsageSettings.DEFAULT)).start();
                TestWebSocket live = ops.connect()) {
            assertThat(BIG.length()).isEqualTo(33 * 1024);
            live.send(SMALL);
            assertThat(live.next(WAIT)).isEqualTo(SMALL);
            try (TestWebSocket closing = ops.connect()) {
                closing.send(BIG);
                assertThat(closing.next(WAIT)).hasSize(BIG.length());
            }

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(report(ops).at("/totals/invocations").asLong()).isEqualTo(5));
            JsonNode r = report(ops);

            JsonNode t = r.get("totals");
            assertThat(names(t)).containsExactly("messages", "messageUnits", "messagesIn", "messagesOut",
                    "connectionMinutes", "connections", "invocations", "gbSeconds", "bytesIn", "bytesOut");
            assertThat(t.get("messagesIn").asLong()).isEqualTo(2);
            assertThat(t.get("messagesOut").asLong()).isEqualTo(2);
            assertThat(t.get("messages").asLong()).isEqualTo(4);
            assertThat(t.get("messageUnits").asLong()).as("1 + 2 in, 1 + 2 out").isEqualTo(6);
            assertThat(t.get("connections").asLong()).isEqualTo(2);
            assertThat(t.get("connectionMinutes").asLong()).as("the closed one, rounded up; the live one: 0 so far")
                    .isEqualTo(1);
            assertThat(t.get("bytesIn").asLong()).isEqualTo(SMALL.length() + BIG.length());
            assertThat(t.get("bytesOut").asLong()).isEqualTo(SMALL.length() + BIG.length());
            // at least 1 ms each: 2 $connect and 1 $disconnect at 128 MB, 2 echo at 512 MB
            double gbSeconds = t.get("gbSeconds").asDouble();
            assertThat(gbSeconds).isGreaterThanOrEqualTo((3 * 128 + 2 * 512) / 1024.0 / 1000.0);

            JsonNode cost = r.get("cost");
            assertThat(names(cost)).containsExactly("messages", "connectionMinutes", "lambdaRequests",
                    "lambdaDuration", "total");
            assertThat(cost.get("messages").asDouble()).isEqualTo(0.000006);
            assertThat(cost.get("connectionMinutes").asDouble()).isEqualTo(0.00000025);
            assertThat(cost.get("lambdaRequests").asDouble()).isEqualTo(0.000001);
            assertThat(cost.get("lambdaDuration").asDouble()).isCloseTo(gbSeconds * 0.0000166667, within(1e-10));
            assertThat(cost.get("total").asDouble()).isCloseTo(0.00000725 + gbSeconds * 0.0000166667, within(1e-9));

            assertThat(r.get("pricesAsOf").asText()).isEqualTo("2026-11-28");
            assertThat(r.get("currency").asText()).isEqualTo("USD");
            assertThat(r.get("since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(names(r)).containsExactly("since", "generatedAt", "pricesAsOf", "currency", "totals", "cost",
                    "stages", "hours", "timeouts");

            JsonNode stage = r.at("/stages/0");
            assertThat(r.get("stages")).hasSize(1);
            assertThat(stage.get("stage").asText()).isEqualTo("dev");
            assertThat(stage.get("totals")).isEqualTo(t);
            assertThat(stage.get("cost")).isEqualTo(cost);
            JsonNode echoRoute = route(stage, "echo");
            assertThat(names(echoRoute)).containsExactly("route", "messageUnits", "invocations", "gbSeconds");
            assertThat(echoRoute.get("messageUnits").asLong()).as("messages from clients, 1 + 2").isEqualTo(3);
            assertThat(echoRoute.get("invocations").asLong()).isEqualTo(2);
            assertThat(route(stage, "$connect").get("invocations").asLong()).isEqualTo(2);
            assertThat(route(stage, "$disconnect").get("invocations").asLong()).isEqualTo(1);

            JsonNode hours = r.get("hours");
            assertThat(names(hours.get(0))).containsExactly("hour", "messageUnits", "connectionMinutes",
                    "invocations", "gbSeconds", "cost");
            long units = 0;
            for (JsonNode h : hours) {
                units += h.get("messageUnits").asLong();
            }
            assertThat(units).isEqualTo(6);
            assertThat(hours.get(hours.size() - 1).get("hour").asText()).endsWith(":00:00Z");

            assertThat(r.get("timeouts").toString()).isEqualTo("{\"idleTimeout\":\"PT10M\",\"maxDuration\":\"PT2H\","
                    + "\"idleClosures\":0,\"maxDurationClosures\":0}");
        }
    }

    @Test
    void showsIdleClosuresInTheTimeoutsBlock() throws Exception {
        try (OpsFixture ops = echo(api -> SocketwayUsage.create(api, UsageSettings.DEFAULT))
                .settings(s -> s.withLimits(s.limits().withIdleTimeout(Duration.ofMillis(300))))
                .start();
                TestWebSocket idle = ops.connect()) {
            assertThat(idle.awaitClose(WAIT).code()).isEqualTo(1001);

            await().atMost(WAIT).untilAsserted(() -> {
                JsonNode timeouts = report(ops).get("timeouts");
                assertThat(timeouts.get("idleTimeout").asText()).isEqualTo("PT0.3S");
                assertThat(timeouts.get("idleClosures").asLong()).isEqualTo(1);
                assertThat(timeouts.get("maxDurationClosures").asLong()).isZero();
            });
            assertThat(report(ops).at("/totals/connectionMinutes").asLong()).isEqualTo(1);
        }
    }

    /**
     * A flush whose call fails may still have reached the store (Redis applied the batch, then the answer timed out),
     * or not (Redis was down): either way the next flush brings the store to the exact totals.
     */
    @Test
    void aFlushWhoseAnswerWasLostIsCountedOnceAndAFailedOneIsNotLost(@TempDir Path dir) throws Exception {
        LossyStore store = new LossyStore(FileUsageStore.open(java.util.Optional.of(dir.resolve("usage.json"))));
        try (OpsFixture ops = echo(api -> SocketwayUsage.create(api, UsageSettings.DEFAULT, store)).start();
                TestWebSocket client = ops.connect()) {
            client.send(SMALL);
            client.next(WAIT);
            store.next = LossyStore.Outcome.APPLIED_THEN_FAILED;
            assertThatThrownBy(ops.usage::flush).hasMessageContaining("the answer was lost");
            assertThat(store.stored("s|dev|messagesIn")).as("the batch did arrive").isEqualTo(1);
            assertThat(report(ops).at("/totals/messagesIn").asLong()).as("not counted twice, stored and pending")
                    .isEqualTo(1);

            client.send(SMALL);
            client.next(WAIT);
            store.next = LossyStore.Outcome.FAILED;
            assertThatThrownBy(ops.usage::flush).hasMessageContaining("unreachable");
            client.send(SMALL);
            client.next(WAIT);

            ops.usage.flush();
            assertThat(store.stored("s|dev|messagesIn")).isEqualTo(3);
            assertThat(store.stored("s|dev|messagesOut")).isEqualTo(3);
            assertThat(store.stored("r|dev|echo|invocations")).isEqualTo(3);
            ops.usage.flush();
            assertThat(store.stored("s|dev|messagesIn")).as("nothing more to send").isEqualTo(3);
            assertThat(report(ops).at("/totals/messagesIn").asLong()).isEqualTo(3);
        }
    }

    /** A real store whose next {@code add} can fail before reaching it, or after. */
    private static final class LossyStore implements io.socketway.api.spi.UsageStore {
        enum Outcome { OK, FAILED, APPLIED_THEN_FAILED }

        private final io.socketway.api.spi.UsageStore delegate;
        volatile Outcome next = Outcome.OK;

        LossyStore(io.socketway.api.spi.UsageStore delegate) {
            this.delegate = delegate;
        }

        long stored(String name) throws Exception {
            return delegate.read("test").toCompletableFuture().get().getOrDefault(name, 0L);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> add(String writer, long sequence,
                Map<String, Long> increments) {
            Outcome outcome = next;
            next = Outcome.OK;
            return switch (outcome) {
                case OK -> delegate.add(writer, sequence, increments);
                case FAILED -> java.util.concurrent.CompletableFuture.failedFuture(
                        new java.io.IOException("store unreachable"));
                case APPLIED_THEN_FAILED -> delegate.add(writer, sequence, increments).thenCompose(done ->
                        java.util.concurrent.CompletableFuture.failedFuture(
                                new java.io.IOException("the answer was lost")));
            };
        }

        @Override
        public java.util.concurrent.CompletionStage<java.time.Instant> since(java.time.Instant now) {
            return delegate.since(now);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> putLive(String nodeId, Map<String, Long> values,
                Duration ttl) {
            return delegate.putLive(nodeId, values, ttl);
        }

        @Override
        public java.util.concurrent.CompletionStage<Map<String, Long>> read(String nodeId) {
            return delegate.read(nodeId);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> remove(java.util.Collection<String> names) {
            return delegate.remove(names);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @Test
    void keepsTotalsInTheUsageFileAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".socketway/usage-test.json");
        Function<io.socketway.api.ApiDefinition, SocketwayUsage> usage =
                api -> SocketwayUsage.create(api, UsageSettings.DEFAULT.withFile(file));
        String since;
        try (OpsFixture first = echo(usage).start()) {
            try (TestWebSocket client = first.connect()) {
                client.send(SMALL);
                client.next(WAIT);
            }
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(report(first).at("/totals/connectionMinutes").asLong()).isEqualTo(1));
            since = report(first).get("since").asText();
        }
        assertThat(Files.readString(file)).contains("\"s|dev|messagesIn\":1");

        try (OpsFixture second = echo(usage).start(); TestWebSocket client = second.connect()) {
            client.send(BIG);
            client.next(WAIT);

            JsonNode r = report(second);
            assertThat(r.get("since").asText()).isEqualTo(since);
            assertThat(r.at("/totals/messagesIn").asLong()).isEqualTo(2);
            assertThat(r.at("/totals/messageUnits").asLong()).isEqualTo(1 + 1 + 2 + 2);
            assertThat(r.at("/totals/connections").asLong()).isEqualTo(2);
            assertThat(r.at("/totals/connectionMinutes").asLong()).isEqualTo(1);
            assertThat(route(r.at("/stages/0"), "echo").get("invocations").asLong()).isEqualTo(2);
        }
        assertThat(Files.readString(file)).contains("\"s|dev|messagesIn\":2", "\"s|dev|connectionMinutes\":2");
    }

    @Test
    void refusesUnsignedCallsOnceAccessKeysAreConfigured() throws Exception {
        AccessKey key = new AccessKey("AKIDOPS", "ops-secret", Set.of(), Set.of());
        try (OpsFixture ops = echo(api -> SocketwayUsage.create(api, UsageSettings.DEFAULT))
                .settings(s -> s.withSecurity(s.security().withAccessKeys(List.of(key))))
                .start()) {
            HttpResponse<String> unsigned = ops.get("/_socketway/usage");

            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
        }
    }

    static JsonNode route(JsonNode stage, String key) {
        for (JsonNode r : stage.get("routes")) {
            if (r.get("route").asText().equals(key)) {
                return r;
            }
        }
        throw new AssertionError("no route " + key + " in " + stage);
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
