package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-auth. */
class AuthConventionsTest extends ModuleConventions {
  AuthConventionsTest() {
    super(Role.EXTENSION);
  }
}
