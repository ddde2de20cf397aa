/**
 * The cluster engine on Redis and Redis Cluster (Lettuce): {@link io.socketway.registry.redis.RedisEngine} connects
 * one gateway node and hands out its connection registry, message bus and node membership, configured by
 * {@link io.socketway.registry.redis.RedisSettings}. Everything it writes to Redis is sealed with AES-GCM unless
 * encryption is explicitly disabled.
 */
@NullMarked
package io.socketway.registry.redis;

import org.jspecify.annotations.NullMarked;
