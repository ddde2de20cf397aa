package io.socketway.registry.redis;

import io.socketway.api.spi.MessageBus;
import io.socketway.core.SingleNodeMessageBus;
import io.socketway.testing.MessageBusContract;
import java.time.Duration;

/** The bus contract against the embedded default: one process, so every "node" shares one bus. */
class InMemoryMessageBusContractTest extends MessageBusContract {
    private final SingleNodeMessageBus bus = new SingleNodeMessageBus();

    @Override
    protected MessageBus newBus(String nodeId) {
        return bus;
    }

    @Override
    protected Duration operationTimeout() {
        return Duration.ZERO;
    }
}
