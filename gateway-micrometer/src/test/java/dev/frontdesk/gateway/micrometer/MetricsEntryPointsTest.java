package dev.frontdesk.gateway.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GatewayMetrics is made by {@code of(registry)} or {@code builder(registry)} only. Its API surface
 * (Micrometer's registry and nothing else) is checked by {@link MetricsConventionsTest}.
 */
class MetricsEntryPointsTest {
  @Test
  void apiClassesHaveNoPublicConstructor() {
    assertThat(List.<Class<?>>of(GatewayMetrics.class, GatewayMetrics.Builder.class))
        .allMatch(c -> c.getConstructors().length == 0, "no public constructor");
  }
}
