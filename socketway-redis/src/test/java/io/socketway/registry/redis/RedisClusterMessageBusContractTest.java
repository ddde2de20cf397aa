package io.socketway.registry.redis;

import io.socketway.api.spi.MessageBus;
import io.socketway.testing.MessageBusContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bus contract against a three-master Redis Cluster; each bus is another node's engine. */
class RedisClusterMessageBusContractTest extends MessageBusContract {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    private final TestEngines engines = new TestEngines(REDIS);

    @Override
    protected MessageBus newBus(String nodeId) {
        return engines.start(nodeId).bus();
    }

    @Override
    protected Duration operationTimeout() {
        return engines.settings("any").operationTimeout();
    }

    @AfterEach
    void closeEngines() {
        engines.close();
    }
}
