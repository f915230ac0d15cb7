/**
 * The aggregation engine: template parsing and URL encoding, plan validation, leg execution and
 * JSON composition. Not API: anything here may change at any time without notice.
 */
@NullMarked
package dev.frontdesk.gateway.aggregation.internal;

import org.jspecify.annotations.NullMarked;
