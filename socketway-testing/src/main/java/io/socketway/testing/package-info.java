/**
 * Supports tests in the other Socketway modules; depends on no other Socketway module.
 *
 * <p>{@link io.socketway.testing.RandomInputs} generates seeded random inputs for property-style tests.
 */
@NullMarked
package io.socketway.testing;

import org.jspecify.annotations.NullMarked;
