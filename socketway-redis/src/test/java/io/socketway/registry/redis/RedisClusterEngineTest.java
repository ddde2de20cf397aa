package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership and topology detection on a three-master Redis Cluster, and how the registry spreads over it. */
class RedisClusterEngineTest extends EngineTests {
    @RegisterExtension
    static final RedisClusterExtension REDIS = new RedisClusterExtension();

    @Override
    RedisUnderTest redis() {
        return REDIS;
    }

    @Override
    boolean cluster() {
        return true;
    }

    @Test
    void connectionRecordsSpreadOverEveryShard() {
        register(node("spread"), "stage-" + UUID.randomUUID(), 60);
        for (RedisProcess master : REDIS.servers()) {
            assertThat(keysOn(master)).as("connection records on port %s", master.port()).isGreaterThan(5);
        }
    }

    private static int keysOn(RedisProcess master) {
        String cursor = "0";
        int count = 0;
        do {
            List<?> reply = (List<?>) master.command("SCAN", cursor, "MATCH", "sw:conn:{*",
                    "COUNT", "1000");
            cursor = RedisProcess.text(reply.get(0));
            count += ((List<?>) reply.get(1)).size();
        } while (!cursor.equals("0"));
        return count;
    }
}
