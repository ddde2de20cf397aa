/** Service-provider interfaces: function runtimes, connection registries, message buses and gateway observers. */
@NullMarked
package io.socketway.api.spi;

import org.jspecify.annotations.NullMarked;
