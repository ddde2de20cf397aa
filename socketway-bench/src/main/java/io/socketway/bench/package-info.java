/**
 * The benchmark harness (never run in CI): {@link io.socketway.bench.Bench} runs scenarios against servers in their
 * own processes (the raw Netty echo baseline {@link io.socketway.bench.RawEchoServer}, gateway nodes from the CLI
 * jar, serverless-offline) and writes a Markdown table. See {@code BENCHMARKS.md} and {@code scripts/bench}.
 */
@NullMarked
package io.socketway.bench;

import org.jspecify.annotations.NullMarked;
