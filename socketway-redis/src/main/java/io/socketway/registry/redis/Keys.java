package io.socketway.registry.redis;

/**
 * Names every Redis key and channel the engine uses. Each name carries a hash tag ({@code {...}}) so that, on Redis
 * Cluster, a connection's record lands in the slot of its id (records spread over all shards), while everything about
 * one node (heartbeat, connection set, cleanup claim, bus channel) shares the slot of the node id, which lets one
 * script claim a dead node's connections atomically. A stage's listing index is one sorted set, hence one slot.
 *
 * <p>Ids in names are not secret: connection ids are random, node ids and stage names come from configuration.
 * Stateless and thread-safe.
 */
final class Keys {
    /** The set of node ids that have ever heartbeated and have not left or been reaped. */
    static final String NODES = "sw:nodes";

    private Keys() {}

    /** A connection's record: a hash with the owner {@code n}, the stage {@code s} and the sealed record {@code r}. */
    static String connection(String connectionId) {
        return "sw:conn:{" + connectionId + "}";
    }

    /** The set of ids of the connections a node holds. */
    static String nodeConnections(String nodeId) {
        return "sw:node:{" + nodeId + "}:conns";
    }

    /** A stage's listing index: a sorted set of connection ids, all with score 0, so ordered by id. */
    static String stageIndex(String stage) {
        return "sw:stage:{" + stage + "}:conns";
    }

    /** A node's heartbeat, which expires when the node stops refreshing it. */
    static String heartbeat(String nodeId) {
        return "sw:hb:{" + nodeId + "}";
    }

    /** Who claimed the cleanup of a dead node (set once, with an expiry). */
    static String reapClaim(String nodeId) {
        return "sw:reap:{" + nodeId + "}";
    }

    /** A dead node's connection ids while its reaper removes them; survives a reaper crash so another resumes. */
    static String reaping(String nodeId) {
        return "sw:reap:{" + nodeId + "}:conns";
    }

    /** The sharded channel on which a node receives operations for its connections. */
    static String busChannel(String nodeId) {
        return "sw:bus:{" + nodeId + "}";
    }

    /** The sharded channel on which a node receives the answers to the operations it sent. */
    static String replyChannel(String nodeId) {
        return "sw:reply:{" + nodeId + "}";
    }

    /**
     * An API's usage counters: one hash of flat counter names ({@code s|dev|messagesIn}, ...) to integers. The API id
     * is the hash tag, so the usage keys of one API share a slot.
     */
    static String usage(String apiId) {
        return "sw:usage:{" + apiId + "}";
    }

    /** When metering of an API began (set once, never expires). */
    static String usageSince(String apiId) {
        return "sw:usage:{" + apiId + "}:since";
    }

    /** The prefix of a usage writer's last batch number ({@code ...:batch:{writer}}), in the API's slot. */
    static String usageBatchPrefix(String apiId) {
        return "sw:usage:{" + apiId + "}:batch:";
    }

    /** Each node's live usage values, fields {@code {node}|{name}}, with {@code {node}|@until} the expiry (epoch ms). */
    static String usageLive(String apiId) {
        return "sw:usage:{" + apiId + "}:live";
    }

    /**
     * The contributions of every node to one period of an alarm: a hash of node id to encoded aggregate, expiring a
     * few evaluation windows later. The alarm id ({@code apiId/LogicalId}) is the hash tag, so an alarm's keys share a
     * slot.
     */
    static String alarmPeriod(String alarmId, long period) {
        return "sw:alarm:{" + alarmId + "}:" + period;
    }

    /** An alarm's shared state: {@code period}, state, update time and reason, replaced by compare-and-set. */
    static String alarmState(String alarmId) {
        return "sw:alarm:{" + alarmId + "}:state";
    }
}
