/**
 * Frontdesk's core implementation: route index, path normalisation, the middleware chain and the
 * OkHttp proxy. Not API: anything here may change at any time without notice.
 */
@NullMarked
package dev.frontdesk.gateway.internal;

import org.jspecify.annotations.NullMarked;
