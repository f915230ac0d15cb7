/**
 * The configuration reader: the located tree, the key tables, secret substitution and the mapping
 * onto the builders. Not API: it may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.config.internal;

import org.jspecify.annotations.NullMarked;
