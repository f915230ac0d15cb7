/**
 * Logging for the examples and the standalone gateway: a lock-free-per-line access-log appender.
 */
@NullMarked
package dev.frontdesk.examples.logging;

import org.jspecify.annotations.NullMarked;
