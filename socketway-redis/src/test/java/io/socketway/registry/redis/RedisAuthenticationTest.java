package io.socketway.registry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisConnectionException;
import io.socketway.api.spi.ConnectionRecord;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.api.spi.MessageBus.Receiver;
import io.socketway.testing.ConnectionRegistryContract;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Credentials travel in the URI: the default user's password, or an ACL user with its password. */
@Timeout(30)
class RedisAuthenticationTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(List.of("--requirepass", "s3cret",
            "--user", "gateway", "on", ">g4teway", "~sw:*", "&sw:*", "+@all"));
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestEngines engines = new TestEngines(REDIS);

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    @Test
    void connectsWithThePasswordInTheUri() {
        RedisEngine engine = engines.start(settings("redis://:s3cret@127.0.0.1:" + port()));
        ConnectionRecord record = new ConnectionRecord(ConnectionRegistryContract.randomConnectionId(), "prod",
                engine.membership().nodeId(), 1L, "192.0.2.1", "ua");
        assertThat(engine.registry().register(record)).succeedsWithin(WAIT);
        assertThat(engine.registry().find(record.connectionId())).succeedsWithin(WAIT).isEqualTo(Optional.of(record));
    }

    @Test
    void connectsAsAnAclUserLimitedToTheEnginesKeysAndChannels() {
        RedisEngine owner = engines.start(settings("redis://gateway:g4teway@127.0.0.1:" + port()));
        RedisEngine sender = engines.start(settings("redis://gateway:g4teway@127.0.0.1:" + port()));
        owner.bus().subscribe(owner.membership().nodeId(), new Receiver() {
            @Override
            public Delivery send(String connectionId, byte[] data) {
                return Delivery.DELIVERED;
            }

            @Override
            public Delivery disconnect(String connectionId) {
                return Delivery.GONE;
            }
        });
        assertThat(sender.bus().send(owner.membership().nodeId(), "c", new byte[] {1})).succeedsWithin(WAIT)
                .isEqualTo(Delivery.DELIVERED);
        assertThat(sender.membership().liveNodes()).succeedsWithin(WAIT)
                .asInstanceOf(InstanceOfAssertFactories.collection(String.class))
                .contains(owner.membership().nodeId());
    }

    @Test
    void refusesAWrongPassword() {
        // Lettuce reports the server's WRONGPASS, except when the failed handshake closes the channel before its
        // initialisation listener runs: then only "RedisHandshakeHandler not registered" (seen under CPU load).
        assertThatThrownBy(() -> engines.start(settings("redis://gateway:wrong@127.0.0.1:" + port())))
                .isInstanceOf(RedisConnectionException.class)
                .hasMessageContaining("Unable to connect to 127.0.0.1")
                .satisfies(e -> assertThat(stackTrace(e))
                        .containsAnyOf("WRONGPASS", "RedisHandshakeHandler not registered"));
    }

    private RedisSettings settings(String uri) {
        RedisSettings defaults = engines.settings(TestEngines.newNodeId("auth"));
        return new RedisSettings(defaults.nodeId(), List.of(URI.create(uri)), RedisSettings.Topology.STANDALONE,
                defaults.heartbeatInterval(), defaults.nodeTtl(), defaults.operationTimeout(), TestEngines.KEYS, "k1",
                false, java.util.Optional.empty());
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static int port() {
        return REDIS.servers().get(0).port();
    }
}
