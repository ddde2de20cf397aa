/**
 * Holds the one class that function code links to at run time: {@link io.socketway.functions.bridge.FunctionEnv}, which
 * stands in for {@code System.getenv} in every class a function's class loader defines.
 */
@NullMarked
package io.socketway.functions.bridge;

import org.jspecify.annotations.NullMarked;
