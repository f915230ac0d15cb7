package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commented sample covers every feature and is a valid configuration. */
class SampleConfigTest {
  static final Map<String, String> ENV =
      Map.of(
          "INITECH_API_KEY", "initech-key-0123456789abcdef",
          "INTROSPECTION_SECRET", "introspection-secret-value",
          "IDENTITY_HMAC_KEY", "identity-hmac-key-0123456789abcdef0123",
          "REDIS_URI", "redis://127.0.0.1:1/0",
          "ADMIN_KEY", "admin-key-0123456789abcdef");

  static Path resource(String name) {
    return Path.of("src/test/resources", name);
  }

  @Test
  void theSampleConfigPassesEveryCheck() {
    GatewayConfig config = GatewayConfig.builder().environment(ENV::get).build();

    assertThat(config.check(resource("sample-gateway.yaml"))).isEmpty();
  }
}
