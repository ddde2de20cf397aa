package io.socketway.registry.redis;

import io.socketway.api.spi.MessageBus;
import io.socketway.testing.MessageBusContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bus contract against a standalone redis-server; each bus is another node's engine. */
class RedisStandaloneMessageBusContractTest extends MessageBusContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

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
