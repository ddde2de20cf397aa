package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.NodeMembership;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A survivor fires {@code $disconnect} once for each connection of a lost node that it claimed. */
@Timeout(30)
class NodeLossTest {

    /** An in-process membership that hands out the connections of one dead node, once. */
    private static final class OneDeadNode implements NodeMembership {
        private final ConcurrentLinkedQueue<ConnectionRecord> dead = new ConcurrentLinkedQueue<>();

        @Override
        public CompletionStage<List<ConnectionRecord>> reapDeadNodes() {
            List<ConnectionRecord> claimed = new java.util.ArrayList<>();
            for (ConnectionRecord r; (r = dead.poll()) != null; ) {
                claimed.add(r);
            }
            return CompletableFuture.completedFuture(claimed);
        }

        @Override
        public CompletionStage<List<String>> liveNodes() {
            return CompletableFuture.completedFuture(List.of("me"));
        }

        @Override
        public void close() {}
    }

    @Test
    void lostConnectionsGetTheirDisconnectOnceWithCode1006() {
        TestRuntime rt = new TestRuntime().handler("disconnect", e -> Map.of());
        OneDeadNode membership = new OneDeadNode();
        membership.dead.add(new ConnectionRecord("AAAAAAAAAAAAAAA=", "dev", "node-b", 1_700_000_000_000L,
                "192.0.2.9", "agent/1"));
        membership.dead.add(new ConnectionRecord("BBBBBBBBBBBBBBB=", "dev", "node-b", 1_700_000_000_000L,
                "192.0.2.10", ""));
        try (GatewayServer server = GatewayServer.start(Gateway.builder(TestApi.create()
                        .route("$disconnect", "disconnect", false).build())
                .settings(GatewaySettings.defaults().withPort(0))
                .membership(membership, Duration.ofMillis(50))
                .functionRuntime(rt).build())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> rt.events("DISCONNECT").size() == 2);
            assertThat(rt.events("DISCONNECT")).allSatisfy(e -> {
                assertThat(e.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1006);
                assertThat(e.at("/requestContext/disconnectReason").asText()).isEqualTo("Node lost: node-b");
            });
            assertThat(rt.events("DISCONNECT")).extracting(e -> e.at("/requestContext/connectionId").asText())
                    .containsExactlyInAnyOrder("AAAAAAAAAAAAAAA=", "BBBBBBBBBBBBBBB=");
        }
        assertThat(rt.events("DISCONNECT")).hasSize(2);
    }
}
