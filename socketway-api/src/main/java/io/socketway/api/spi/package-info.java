/** Service-provider interfaces: function runtimes, connection registries and message buses. */
@NullMarked
package io.socketway.api.spi;

import org.jspecify.annotations.NullMarked;
