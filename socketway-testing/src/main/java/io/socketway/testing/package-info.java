/**
 * Supports tests in the other Socketway modules; depends only on {@code socketway-api}.
 *
 * <p>{@link io.socketway.testing.RandomInputs} generates seeded random inputs for property-style tests.
 * {@link io.socketway.testing.ConnectionRegistryContract} and {@link io.socketway.testing.MessageBusContract} are the
 * contract tests every registry and bus implementation extends (the in-memory engine, Redis, Redis Cluster).
 */
@NullMarked
package io.socketway.testing;

import org.jspecify.annotations.NullMarked;
