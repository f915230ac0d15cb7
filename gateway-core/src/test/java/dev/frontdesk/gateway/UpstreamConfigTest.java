package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every option is checked when it is set, with a message naming it. */
class UpstreamConfigTest {
  @Test
  void anUpstreamTakesInstancesOrADiscoveryButNotBoth() {
    assertThatThrownBy(() -> Upstream.builder("svc").build())
        .hasMessage("upstream 'svc' needs at least one instance or a discovery");
    assertThatThrownBy(
            () ->
                Upstream.builder("svc")
                    .instance("http://a:1")
                    .discovery(ServiceDiscovery.of(Instance.of("http://b:1")))
                    .build())
        .hasMessage("upstream 'svc' has both instances and a discovery: choose one");
    assertThat(Upstream.builder("svc").discovery(ServiceDiscovery.of()).build().instances())
        .isEmpty();
  }

  @Test
  void optionsAreValidatedWhenSet() {
    assertThatThrownBy(() -> Instance.builder("http://a:1").weight(0))
        .hasMessage("weight must be between 1 and 10000: 0");
    assertThatThrownBy(() -> Instance.of("ftp://a")).hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> HealthCheck.builder("health"))
        .hasMessage("health check path must start with '/': 'health'");
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0))
        .hasMessage("maxAttempts must be between 1 and 10: 0");
    assertThatThrownBy(() -> RetryPolicy.builder().retryOnStatus(200))
        .hasMessage("retryOnStatus takes 4xx or 5xx statuses: 200");
    assertThatThrownBy(() -> OutlierDetection.builder().maxEjectedShare(1.5))
        .hasMessage("maxEjectedShare must be between 0 and 1: 1.5");
    assertThatThrownBy(() -> CircuitBreakerPolicy.builder().window(10, 20))
        .hasMessage("minimumCalls must be between 1 and the window (10): 20");
    assertThatThrownBy(() -> Upstream.builder("svc").tryTimeout(Duration.ZERO))
        .hasMessage("upstream 'svc': tryTimeout must be positive: PT0S");
    assertThatThrownBy(() -> LoadBalancing.consistentHashOnHeader(" "))
        .hasMessage("header must not be blank");
  }

  @Test
  void theUpstreamReportsItsSettingsWithDefaults() {
    Upstream upstream =
        Upstream.builder("svc")
            .instance(Instance.builder("http://a:1").weight(3).zone("z").build())
            .build();

    assertThat(upstream.loadBalancing().kind()).isEqualTo(LoadBalancing.Kind.ROUND_ROBIN);
    assertThat(upstream.retry().maxAttempts()).isEqualTo(2);
    assertThat(upstream.outlierDetection().consecutiveFailures()).isEqualTo(5);
    assertThat(upstream.healthCheck()).isNull();
    assertThat(upstream.circuitBreaker()).isNull();
    assertThat(upstream.instances()).extracting(Instance::url).containsExactly("http://a:1");
  }
}
