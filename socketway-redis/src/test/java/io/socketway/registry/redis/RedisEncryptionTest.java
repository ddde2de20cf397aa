package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.api.spi.MessageBus.Receiver;
import io.socketway.testing.ConnectionRegistryContract;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What reaches Redis: an operator who reads every command ({@code MONITOR}) and every value at rest sees no message
 * body, client address or user agent, unless encryption is explicitly disabled. And keys rotate without downtime.
 */
@Timeout(30)
class RedisEncryptionTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PAYLOAD = "CanaryPayload-push-body";
    private static final String SOURCE_IP = "198.51.100.203";
    private static final String USER_AGENT = "CanaryAgent/9.9";

    private final TestEngines engines = new TestEngines(REDIS);

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    @Test
    void redisHoldsNoPlaintextPayloadAddressOrUserAgent() throws Exception {
        String seen = seenByRedis(UnaryOperator.identity());
        assertThat(seen).as("what an operator sees").contains("SPUBLISH").contains("HSET")
                .doesNotContain(PAYLOAD).doesNotContain(SOURCE_IP).doesNotContain(USER_AGENT);
    }

    @Test
    void plaintextReachesRedisOnlyWhenEncryptionIsDisabled() throws Exception {
        String seen = seenByRedis(s -> RedisSettings.unencrypted(s.nodeId(), s.uris()));
        assertThat(seen).contains(PAYLOAD).contains(SOURCE_IP).contains(USER_AGENT);
    }

    @Test
    void keysRotateWithoutDowntime() {
        Map<String, byte[]> k1 = Map.of("k1", TestEngines.key("k1"));
        Map<String, byte[]> both = Map.of("k1", TestEngines.key("k1"), "k2", TestEngines.key("k2"));
        Map<String, byte[]> k2 = Map.of("k2", TestEngines.key("k2"));
        RedisEngine old = engines.start(settings("old").withEncryptionKeys(k1, "k1"));
        RedisEngine knowsK2 = engines.start(settings("knows").withEncryptionKeys(both, "k1"));
        RedisEngine usesK2 = engines.start(settings("uses").withEncryptionKeys(both, "k2"));
        RedisEngine onlyK2 = engines.start(settings("only").withEncryptionKeys(k2, "k2"));
        ConnectionRecord byOld = record("old");
        ConnectionRecord byNew = record("uses");
        join(old.registry().register(byOld));
        join(usesK2.registry().register(byNew));

        assertThat(usesK2.registry().find(byOld.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(byOld));
        assertThat(knowsK2.registry().find(byNew.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(byNew));
        assertThat(old.registry().find(byNew.connectionId())).failsWithin(WAIT)
                .withThrowableThat().withMessageContaining("not k2");
        assertThat(onlyK2.registry().find(byOld.connectionId())).failsWithin(WAIT)
                .withThrowableThat().withMessageContaining("not k1");

        knowsK2.bus().subscribe(knowsK2.membership().nodeId(), fixed(Delivery.DELIVERED));
        usesK2.bus().subscribe(usesK2.membership().nodeId(), fixed(Delivery.BUFFER_FULL));
        assertThat(usesK2.bus().send(knowsK2.membership().nodeId(), "c", new byte[] {1})).succeedsWithin(WAIT)
                .isEqualTo(Delivery.DELIVERED);
        assertThat(knowsK2.bus().send(usesK2.membership().nodeId(), "c", new byte[] {1})).succeedsWithin(WAIT)
                .isEqualTo(Delivery.BUFFER_FULL);
    }

    /** Registers a connection and pushes a message across nodes while recording what Redis sees, then its data. */
    private String seenByRedis(UnaryOperator<RedisSettings> configure) throws Exception {
        int port = REDIS.servers().get(0).port();
        List<byte[]> received = new CopyOnWriteArrayList<>();
        try (RedisMonitor monitor = RedisMonitor.start(port)) {
            RedisEngine owner = engines.start(configure.apply(settings("owner")));
            RedisEngine sender = engines.start(configure.apply(settings("sender")));
            String ownerId = owner.membership().nodeId();
            owner.bus().subscribe(ownerId, new Receiver() {
                @Override
                public Delivery send(String connectionId, byte[] data) {
                    received.add(data);
                    return Delivery.DELIVERED;
                }

                @Override
                public Delivery disconnect(String connectionId) {
                    return Delivery.DELIVERED;
                }
            });
            ConnectionRecord record = new ConnectionRecord(ConnectionRegistryContract.randomConnectionId(),
                    "production", ownerId, 1L, SOURCE_IP, USER_AGENT);
            join(owner.registry().register(record));
            assertThat(sender.registry().find(record.connectionId())).succeedsWithin(WAIT)
                    .isEqualTo(Optional.of(record));
            assertThat(sender.bus().send(ownerId, record.connectionId(), PAYLOAD.getBytes(StandardCharsets.UTF_8)))
                    .succeedsWithin(WAIT).isEqualTo(Delivery.DELIVERED);
            assertThat(received).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly(PAYLOAD);
            return monitor.drain(port) + "\n" + valuesAtRest();
        }
    }

    /** Returns every key and value in the server, as text. */
    private static String valuesAtRest() {
        RedisProcess server = REDIS.servers().get(0);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) server.command("SCAN", cursor, "COUNT", "1000");
            cursor = RedisProcess.text(reply.get(0));
            for (Object key : (List<?>) reply.get(1)) {
                String name = RedisProcess.text(key);
                all.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                append(all, switch (RedisProcess.text(server.command("TYPE", name))) {
                    case "string" -> server.command("GET", name);
                    case "hash" -> server.command("HGETALL", name);
                    case "set" -> server.command("SMEMBERS", name);
                    case "zset" -> server.command("ZRANGE", name, "0", "-1");
                    default -> null;
                });
            }
        } while (!cursor.equals("0"));
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static void append(ByteArrayOutputStream out, Object reply) {
        if (reply instanceof byte[] bytes) {
            out.writeBytes(bytes);
        } else if (reply instanceof List<?> items) {
            items.forEach(item -> append(out, item));
        }
    }

    private RedisSettings settings(String name) {
        return engines.settings(TestEngines.newNodeId(name));
    }

    private static ConnectionRecord record(String node) {
        return new ConnectionRecord(ConnectionRegistryContract.randomConnectionId(), "production", node, 1L,
                "192.0.2.9", "ua");
    }

    private static Receiver fixed(Delivery outcome) {
        return new Receiver() {
            @Override
            public Delivery send(String connectionId, byte[] data) {
                return outcome;
            }

            @Override
            public Delivery disconnect(String connectionId) {
                return outcome;
            }
        };
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
