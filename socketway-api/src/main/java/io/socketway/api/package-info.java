/**
 * The immutable description of a WebSocket API (what a template defines) and the types shared by every
 * Socketway module. Nothing here depends on Netty, YAML or a cluster engine.
 */
@NullMarked
package io.socketway.api;

import org.jspecify.annotations.NullMarked;
