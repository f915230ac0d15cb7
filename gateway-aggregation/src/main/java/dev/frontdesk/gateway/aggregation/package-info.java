/**
 * Aggregation: one client request fans out to several upstream calls, in parallel or in dependency
 * order, and their JSON results are composed into one response.
 */
@NullMarked
package dev.frontdesk.gateway.aggregation;

import org.jspecify.annotations.NullMarked;
