/**
 * The transforms' engine: media types, bounded body reading, gzip, JSON operations and templates,
 * the hardened XML reader and writer. Not API: may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.transform.internal;

import org.jspecify.annotations.NullMarked;
