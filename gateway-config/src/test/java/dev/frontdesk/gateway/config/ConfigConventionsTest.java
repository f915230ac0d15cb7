package dev.frontdesk.gateway.config;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-config. */
class ConfigConventionsTest extends ModuleConventions {
  ConfigConventionsTest() {
    super(Role.ASSEMBLER);
  }
}
