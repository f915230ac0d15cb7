package dev.frontdesk.examples;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to examples. */
class ExamplesConventionsTest extends ModuleConventions {
  ExamplesConventionsTest() {
    super(Role.APPLICATION);
  }
}
