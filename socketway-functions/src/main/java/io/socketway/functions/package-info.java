/**
 * Runs Java Lambda handlers in-process, each function in its own class loader with its own environment, as Lambda's
 * Java runtime runs them. {@link io.socketway.functions.JavaFunctionRuntime} is the entry point; everything else is
 * package-private.
 */
@NullMarked
package io.socketway.functions;

import org.jspecify.annotations.NullMarked;
