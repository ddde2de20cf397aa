package io.socketway.registry.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership and topology detection on a standalone Redis. */
class RedisStandaloneEngineTest extends EngineTests {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    RedisUnderTest redis() {
        return REDIS;
    }

    @Override
    boolean cluster() {
        return false;
    }
}
