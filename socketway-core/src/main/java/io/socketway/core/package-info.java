/**
 * The gateway node: route selection, dispatch of events to integrations, connection lifecycle and limits, the
 * {@code @connections} management service and the in-memory engine. Nothing here imports Netty, YAML or Redis types;
 * a transport drives the node through {@link io.socketway.core.Gateway} and {@link io.socketway.core.ClientChannel}.
 */
@NullMarked
package io.socketway.core;

import org.jspecify.annotations.NullMarked;
