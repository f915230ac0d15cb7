package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** A file the builder itself refuses (a route that can never match) starts no health check. */
class NothingStartsConfigTest {
  @Test
  void aProblemFoundByGatewayBuildStartsNoHealthCheckAndNoThread() throws Exception {
    try (MockWebServer upstream = TestUpstreams.alwaysOk()) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      GatewayConfig config =
          GatewayConfig.builder()
              .environment(Map.of("URL", TestUpstreams.baseUrl(upstream))::get)
              .build();

      ConfigResult result =
          config.parse(
              "gateway.yaml",
              """
          upstreams:
            users:
              instances: ["${env:URL}"]
              healthCheck: {path: /health, interval: 50ms}
          rateLimits:
            limiters:
              local: {limit: 10/1s}
          routes:
            - {id: first, path: "/api/**", upstream: users, use: [{rateLimit: local}]}
            - {id: second, path: "/api/**", upstream: users}
          """,
              Path.of("."));
      Thread.sleep(300);

      assertThat(result.problems())
          .extracting(ConfigProblem::toString)
          .containsExactly(
              "gateway.yaml:10: routes[1]: route 'second' can never match: route 'first' comes first and matches every"
                  + " request it would");
      assertThat(upstream.getRequestCount()).isZero();
      assertThat(BrokenConfigTest.newGatewayThreads(before)).isEmpty();
    }
  }
}
