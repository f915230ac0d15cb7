package dev.frontdesk.gateway;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-core. */
class CoreConventionsTest extends ModuleConventions {
  CoreConventionsTest() {
    super(Role.CORE);
    openForExtension(
        GatewayException.class); // the policy-outcome vocabulary: modules throw subclasses
    allowsInApi(
        "okhttp3.OkHttpClient"); // httpClient(OkHttpClient): the escape hatch for a configured
    // client
  }
}
