package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import java.net.URI;
import java.util.List;

/** A Redis (standalone or cluster) that a JUnit extension started for the test class. */
interface RedisUnderTest {
    /** Returns the URIs to connect to: one server, or the cluster's seed nodes. */
    List<URI> uris();

    /** Returns every server process (each master, for a cluster). */
    List<RedisProcess> servers();
}
