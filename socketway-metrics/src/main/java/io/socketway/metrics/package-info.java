/**
 * Operations for a Socketway node: its {@link io.socketway.api.spi.GatewayObserver} events as Micrometer meters in
 * Prometheus format, and the template's {@code AWS::CloudWatch::Alarm} resources evaluated against the same events.
 *
 * <p>Why a module of its own: Micrometer and the Prometheus client are the only runtime dependencies that the rest of
 * the gateway does not need, and core must not import them (ARCHITECTURE: core depends on api only). Putting the
 * binding in socketway-netty would tie every transport test and every embedder of the transport to Micrometer; here
 * it is optional, wired by the CLI, and the transport only serves the {@link io.socketway.core.StatusPage}s it is
 * given. {@link io.socketway.metrics.SocketwayMetrics} is the entry point.
 */
@NullMarked
package io.socketway.metrics;

import org.jspecify.annotations.NullMarked;
