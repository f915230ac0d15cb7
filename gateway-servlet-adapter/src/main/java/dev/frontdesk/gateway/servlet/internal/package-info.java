/** The servlet adapter's implementation. Not API: it may change at any time. */
@NullMarked
package dev.frontdesk.gateway.servlet.internal;

import org.jspecify.annotations.NullMarked;
