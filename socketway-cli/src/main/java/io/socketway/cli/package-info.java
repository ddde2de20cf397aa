/** The {@code socketway} command line: a thin picocli adapter over the template loader, the gateway and the server. */
@NullMarked
package io.socketway.cli;

import org.jspecify.annotations.NullMarked;
