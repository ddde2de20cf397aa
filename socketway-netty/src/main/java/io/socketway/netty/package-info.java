/**
 * The Netty transport: one port serves WebSocket clients at {@code /{stage}}, the {@code @connections} management API
 * at {@code /{stage}/@connections/{id}}, and health at {@code /_socketway/health}. Handlers never block their event
 * loop; everything slow happens in {@link io.socketway.core.Gateway} on virtual threads.
 */
@NullMarked
package io.socketway.netty;

import org.jspecify.annotations.NullMarked;
