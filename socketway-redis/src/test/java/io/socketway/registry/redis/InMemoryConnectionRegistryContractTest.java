package io.socketway.registry.redis;

import io.socketway.api.spi.ConnectionRegistry;
import io.socketway.core.InMemoryConnectionRegistry;
import io.socketway.testing.ConnectionRegistryContract;

/** The registry contract against the embedded default, so both engines are held to the same rules. */
class InMemoryConnectionRegistryContractTest extends ConnectionRegistryContract {
    private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

    @Override
    protected ConnectionRegistry newRegistry() {
        return registry;
    }
}
