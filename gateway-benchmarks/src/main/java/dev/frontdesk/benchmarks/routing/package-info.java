/**
 * JMH benchmarks of Frontdesk's hot paths. Not API and not published: build the module and run
 * {@code java -jar gateway-benchmarks/target/benchmarks.jar}. Figures and the commands that
 * produced them are in {@code docs/benchmarks-jmh.md}.
 */
@NullMarked
package dev.frontdesk.benchmarks.routing;

import org.jspecify.annotations.NullMarked;
