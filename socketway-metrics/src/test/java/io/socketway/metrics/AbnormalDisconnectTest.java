package io.socketway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.testing.TestWebSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closes are counted by close code and cause; a client that vanishes without a close frame is abnormal. */
@Timeout(60)
class AbnormalDisconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aClientThatVanishesIsCountedAsAbnormalNoCloseFrameAndAsAShareOfAllCloses() throws Exception {
        try (OpsFixture ops = OpsFixture.builder().route("$disconnect", false, e -> Map.of()).start()) {
            TestWebSocket polite = ops.connect();
            polite.closeWith(1000, "bye");
            RawClient.connectAndDrop(ops.server.port(), "/dev");

            await().atMost(WAIT).untilAsserted(() -> {
                Scrape s = ops.scrape();
                assertThat(s.value("socketway_disconnects_total", "code", "1000", "cause", "client")).isEqualTo(1);
                assertThat(s.value("socketway_disconnects_total", "code", "1006", "cause", "no_close_frame"))
                        .isEqualTo(1);
                assertThat(s.value("socketway_disconnects_abnormal_total", "cause", "no_close_frame")).isEqualTo(1);
                assertThat(s.value("socketway_disconnects_abnormal_total")).isEqualTo(1);
                assertThat(s.value("socketway_disconnects_abnormal_ratio", "stage", "dev")).isEqualTo(0.5);
                assertThat(s.value("socketway_connections_open", "stage", "dev")).isZero();
            });
        }
    }

    @Test
    void aManagementDeleteIsANormalCloseWithItsOwnCause() throws Exception {
        try (OpsFixture ops = OpsFixture.builder().route("$disconnect", false, e -> Map.of()).start();
                TestWebSocket client = ops.connect()) {
            await().atMost(WAIT).until(() -> ops.server.gateway().connections().size() == 1);
            String id = ops.server.gateway().connections().iterator().next().id();
            ops.server.gateway().management().delete("dev", id).toCompletableFuture().get();

            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
            await().atMost(WAIT).untilAsserted(() -> {
                Scrape s = ops.scrape();
                assertThat(s.value("socketway_disconnects_total", "code", "1000", "cause", "management_delete"))
                        .isEqualTo(1);
                assertThat(s.value("socketway_disconnects_abnormal_total")).isZero();
            });
        }
    }
}
