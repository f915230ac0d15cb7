package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every option is checked when it is set, with a message naming it, and reported by build(). */
class UpstreamConfigTest {
  @Test
  void anUpstreamTakesInstancesOrADiscoveryButNotBoth() {
    assertThat(problems(Upstream.builder("svc").build()))
        .containsExactly("upstream 'svc' needs at least one instance or a discovery");
    assertThat(
            problems(
                Upstream.builder("svc")
                    .instance("http://a:1")
                    .discovery(ServiceDiscovery.of(Instance.of("http://b:1")))
                    .build()))
        .containsExactly("upstream 'svc' has both instances and a discovery: choose one");
    assertThat(Upstream.builder("svc").discovery(ServiceDiscovery.of()).build().instances())
        .isEmpty();
  }

  @Test
  void optionsAreCheckedWhenSetAndReportedByBuild() {
    assertThatThrownBy(() -> Instance.builder("http://a:1").weight(0).build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "instance 'http://a:1': weight must be between 1 and 10000: 0"));
    assertThatThrownBy(() -> Instance.of("ftp://a"))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> HealthCheck.builder("health").build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("health check path must start with '/': 'health'");
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("maxAttempts must be between 1 and 10: 0");
    assertThatThrownBy(() -> RetryPolicy.builder().retryOnStatus(200).build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("retryOnStatus takes 4xx or 5xx statuses: 200");
    assertThatThrownBy(() -> OutlierDetection.builder().maxEjectedShare(1.5).build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("maxEjectedShare must be between 0 and 1: 1.5");
    assertThatThrownBy(() -> CircuitBreakerPolicy.builder().window(10, 20).build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("minimumCalls must be between 1 and the window (10): 20");
    assertThat(
            problems(
                Upstream.builder("svc").instance("http://a:1").tryTimeout(Duration.ZERO).build()))
        .containsExactly("upstream 'svc': tryTimeout must be positive: PT0S");
    assertThatThrownBy(() -> LoadBalancing.consistentHashOnHeader(" "))
        .hasMessage("header must not be blank");
  }

  @Test
  void eachPolicyBuilderReportsAllItsMistakesInOneException() {
    assertThat(
            policyProblems(
                () ->
                    RetryPolicy.builder()
                        .maxAttempts(11)
                        .retryOnStatus(503, 200)
                        .backoff(Duration.ofMillis(100), Duration.ofMillis(10))
                        .budget(2, -1)
                        .bufferBodiesUpTo(-1)
                        .build()))
        .containsExactly(
            "maxAttempts must be between 1 and 10: 11",
            "retryOnStatus takes 4xx or 5xx statuses: 200",
            "max back-off PT0.01S is shorter than first PT0.1S",
            "budget ratio must be between 0 and 1: 2.0",
            "bufferBodiesUpTo must not be negative: -1");
    assertThat(
            policyProblems(
                () ->
                    CircuitBreakerPolicy.builder()
                        .failureRateThreshold(0)
                        .slowCallDuration(Duration.ZERO)
                        .halfOpenCalls(0)
                        .build()))
        .containsExactly(
            "failureRateThreshold must be above 0 and at most 1: 0.0",
            "slowCallDuration must be positive: PT0S",
            "halfOpenCalls must be at least 1: 0");
    assertThat(
            policyProblems(
                () ->
                    HealthCheck.builder("health")
                        .expectedStatus(500, 200)
                        .interval(Duration.ZERO)
                        .unhealthyThreshold(0)
                        .build()))
        .containsExactly(
            "health check path must start with '/': 'health'",
            "expectedStatus must be a range within 100..599: 500..200",
            "interval must be positive: PT0S",
            "unhealthyThreshold must be at least 1: 0");
    assertThat(
            policyProblems(
                () ->
                    OutlierDetection.builder()
                        .consecutiveFailures(0)
                        .baseEjection(Duration.ofMinutes(10))
                        .maxEjection(Duration.ofMinutes(1))
                        .build()))
        .containsExactly(
            "consecutiveFailures must be at least 1: 0",
            "maxEjection (PT1M) must not be shorter than baseEjection (PT10M)");
  }

  @Test
  void anUpstreamsMistakesAreReportedByTheGatewayItIsGivenTo() {
    Upstream broken =
        Upstream.builder("users")
            .instance("ftp://a")
            .readTimeout(Duration.ZERO)
            .tryTimeout(Duration.ofSeconds(-1))
            .build(); // does not throw

    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .upstream(broken)
                    .route("users", r -> r.get("/users").proxyToUpstream("users"))
                    .build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "upstream 'users': upstream URL must be an absolute http(s) URL: 'ftp://a'",
                        "upstream 'users': readTimeout must be positive: PT0S",
                        "upstream 'users': tryTimeout must be positive: PT-1S",
                        "upstream 'users' needs at least one instance or a discovery"));
  }

  /** What an upstream's gateway would report about it. */
  private static java.util.List<String> problems(Upstream upstream) {
    return RouteConfigurationTest.problems(Gateway.builder().upstream(upstream));
  }

  private static java.util.List<String> policyProblems(Runnable build) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(build::run);
    assertThat(thrown).isInstanceOf(GatewayConfigException.class);
    return ((GatewayConfigException) thrown).problems();
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
