/**
 * The gateway the loopback benchmark measures ({@link dev.frontdesk.examples.bench.BenchGateway}):
 * {@code /api/**} to one upstream, hosted as a real deployment would host it. Not API.
 */
@NullMarked
package dev.frontdesk.examples.bench;

import org.jspecify.annotations.NullMarked;
