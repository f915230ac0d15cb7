/**
 * Authentication and authorization middleware: JWT (with JWKS), API keys, OAuth2 token
 * introspection, per-route authorization rules and identity forwarding to upstreams.
 */
@NullMarked
package dev.frontdesk.gateway.auth;

import org.jspecify.annotations.NullMarked;
