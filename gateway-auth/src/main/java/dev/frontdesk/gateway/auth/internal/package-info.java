/**
 * The machinery behind {@code dev.frontdesk.gateway.auth}: token parsing on top of jjwt, key sets,
 * caches, header signing. Not API: it may change at any time.
 */
@NullMarked
package dev.frontdesk.gateway.auth.internal;

import org.jspecify.annotations.NullMarked;
