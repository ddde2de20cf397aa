package io.socketway.registry.redis;

import io.socketway.api.spi.AlarmStore;
import io.socketway.testing.AlarmStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alarm store contract against a standalone redis-server; each store is another node's engine. */
class RedisStandaloneAlarmStoreContractTest extends AlarmStoreContract {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final TestEngines engines = new TestEngines(REDIS);

    @Override
    protected AlarmStore newStore() {
        return engines.start("node-" + UUID.randomUUID()).alarmStore();
    }

    @AfterEach
    void closeEngines() {
        engines.close();
    }
}
