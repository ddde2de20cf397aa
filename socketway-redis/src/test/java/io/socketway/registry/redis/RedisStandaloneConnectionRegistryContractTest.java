package io.socketway.registry.redis;

import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.testing.ConnectionRegistryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry contract against a standalone redis-server; each registry is another node's engine. */
class RedisStandaloneConnectionRegistryContractTest extends ConnectionRegistryContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final TestEngines engines = new TestEngines(REDIS);

    @Override
    protected ConnectionRegistry newRegistry() {
        return engines.start(TestEngines.newNodeId("registry")).registry();
    }

    @AfterEach
    void closeEngines() {
        engines.close();
    }
}
