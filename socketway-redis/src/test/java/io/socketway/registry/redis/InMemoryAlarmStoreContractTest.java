package io.socketway.registry.redis;

import io.socketway.api.spi.AlarmStore;
import io.socketway.core.InMemoryAlarmStore;
import io.socketway.testing.AlarmStoreContract;

/** The alarm store contract against the in-process store, so both are held to the same rules. */
class InMemoryAlarmStoreContractTest extends AlarmStoreContract {
    private final InMemoryAlarmStore store = new InMemoryAlarmStore();

    @Override
    protected AlarmStore newStore() {
        return store;
    }
}
