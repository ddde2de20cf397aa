/**
 * The Java Lambda handlers of the gateway benchmarks, packaged alone as {@code target/bench-functions.jar} (the
 * template {@code socketway-bench/templates/echo.yaml} points at it). They depend on aws-lambda-java-core only.
 */
package io.socketway.bench.function;
