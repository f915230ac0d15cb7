package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.http.Origin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named backend service: one or more instances that routes reach by name with {@link
 * Route.Builder#proxyToUpstream(String)}. Requests are spread over the instances by a {@link
 * LoadBalancing} policy (round robin unless set), failing instances are ejected ({@link
 * OutlierDetection}) or checked ({@link HealthCheck}), failed calls are retried on another instance
 * ({@link RetryPolicy}), and a {@link CircuitBreakerPolicy} may stop calls altogether. Instances
 * are listed here or come from a {@link ServiceDiscovery}.
 *
 * <pre>{@code
 * Upstream users = Upstream.builder("users")
 *     .instance("http://10.0.0.5:8080").instance("http://10.0.0.6:8080")
 *     .loadBalancing(LoadBalancing.leastInFlight())
 *     .tryTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(5))
 *     .readTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class Upstream {
  private final String name;
  private final List<Instance> instances;
  private final @Nullable Duration connectTimeout;
  private final @Nullable Duration readTimeout;
  // Upstream groups (issue 6): everything below has a default, so Upstream.of(...) stays simple.
  private final UpstreamSettings settings;
  // the mistakes its builder recorded: the gateway given this upstream reports them at build()
  final List<String> problems;

  private Upstream(Builder b, List<String> problems) {
    this.name = b.name;
    this.instances = List.copyOf(b.instances);
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.settings = b.settings.build(instances);
    this.problems = List.copyOf(problems);
  }

  /** An upstream with these instance URLs and the gateway's default timeouts. */
  public static Upstream of(String name, String... urls) {
    Builder b = builder(name);
    for (String url : urls) {
      b.instance(url);
    }
    return b.build();
  }

  /** Starts an upstream with this name, unique within a gateway. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The name routes refer to. */
  public String name() {
    return name;
  }

  /** The listed instances (empty when a discovery supplies them). */
  public List<Instance> instances() {
    return instances;
  }

  /** The connect timeout, if set here rather than on the gateway. */
  public @Nullable Duration connectTimeout() {
    return connectTimeout;
  }

  /** The idle timeout: how long the upstream may stay silent while sending its answer. */
  public @Nullable Duration readTimeout() {
    return readTimeout;
  }

  /** Where the instances come from: the listed ones, or the discovery set on the builder. */
  public ServiceDiscovery discovery() {
    return settings.discovery();
  }

  /** How requests are spread over the instances. */
  public LoadBalancing loadBalancing() {
    return settings.loadBalancing();
  }

  /** When failing instances are ejected. */
  public OutlierDetection outlierDetection() {
    return settings.outlierDetection();
  }

  /** The active health check, if any. */
  public @Nullable HealthCheck healthCheck() {
    return settings.healthCheck();
  }

  /** When failed calls are tried again. */
  public RetryPolicy retry() {
    return settings.retry();
  }

  /** The circuit breaker, if any. */
  public @Nullable CircuitBreakerPolicy circuitBreaker() {
    return settings.circuitBreaker();
  }

  /** Time one attempt may take to bring response headers, if limited. */
  public @Nullable Duration tryTimeout() {
    return settings.tryTimeout();
  }

  /** Time all attempts together may take to bring response headers, if limited. */
  public @Nullable Duration deadline() {
    return settings.deadline();
  }

  /**
   * Equal when the name, the instances and every setting are: what {@link
   * Gateway.Builder#upstreamStateFrom} takes over.
   */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof Upstream other
        && java.util.Objects.equals(name, other.name)
        && java.util.Objects.equals(instances, other.instances)
        && java.util.Objects.equals(connectTimeout, other.connectTimeout)
        && java.util.Objects.equals(readTimeout, other.readTimeout)
        && java.util.Objects.equals(settings, other.settings);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, instances, connectTimeout, readTimeout, settings);
  }

  @Override
  public String toString() {
    return "Upstream{" + name + " " + instances + "}";
  }

  /**
   * Builds an {@link Upstream}; at least one instance (or a discovery) is required. Like a route,
   * an upstream does not throw for a bad value: a setter records the mistake, naming this upstream,
   * and leaves the option as it was, and {@link #build()} adds what is missing or conflicting; the
   * {@link Gateway.Builder} given the upstream then reports them all in its {@link
   * GatewayConfigException}. A null argument throws {@link NullPointerException} at once. The
   * policies passed in are values whose own {@code build()} already refused their mistakes.
   */
  public static final class Builder {
    private final String name;
    private final List<Instance> instances = new ArrayList<>();
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private final UpstreamSettings.Builder settings = new UpstreamSettings.Builder();
    private final BuilderProblems problems;
    private List<String> lastBuild =
        List.of(); // what the last build() found missing or conflicting

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      this.name = name;
      this.problems = new BuilderProblems("upstream '" + name + "': ");
      if (name.isBlank()) {
        problems.add("upstream name must not be blank");
      }
    }

    /**
     * The mistakes recorded so far, each naming this upstream, then those the last {@link #build()}
     * found (no instance, instances and a discovery): what {@link Gateway.Builder#build()} will
     * report about this upstream. For tools that point at their own input.
     */
    public List<String> problems() {
      List<String> all = new ArrayList<>(problems.list());
      all.addAll(lastBuild);
      return List.copyOf(all);
    }

    /** Adds an instance: an absolute http(s) URL, optionally with a base path. */
    public Builder instance(String url) {
      Objects.requireNonNull(url, "url");
      problems.check(
          () -> {
            Origin.parse(url);
            instances.add(Instance.of(url));
          });
      return this;
    }

    /** Adds an instance with a weight, zone or metadata. */
    public Builder instance(Instance instance) {
      Objects.requireNonNull(instance, "instance");
      instances.add(instance);
      return this;
    }

    /** Takes the instances from a discovery source instead of a fixed list. */
    public Builder discovery(ServiceDiscovery discovery) {
      settings.discovery(discovery);
      return this;
    }

    /** How requests are spread over the instances (round robin). */
    public Builder loadBalancing(LoadBalancing policy) {
      settings.loadBalancing(policy);
      return this;
    }

    /** Passive health: when failing instances are ejected ({@link OutlierDetection#defaults()}). */
    public Builder outlierDetection(OutlierDetection policy) {
      settings.outlierDetection(policy);
      return this;
    }

    /** Active health checks (none). */
    public Builder healthCheck(HealthCheck check) {
      settings.healthCheck(check);
      return this;
    }

    /** When failed calls are tried again ({@link RetryPolicy#defaults()}). */
    public Builder retry(RetryPolicy policy) {
      settings.retry(policy);
      return this;
    }

    /** A circuit breaker for the upstream or each instance (none). */
    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      settings.circuitBreaker(policy);
      return this;
    }

    /** Time one attempt may take to bring response headers (unlimited: the idle timeout rules). */
    public Builder tryTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "tryTimeout");
      problems.check(() -> settings.tryTimeout(Durations.positive(timeout, "tryTimeout")));
      return this;
    }

    /** Time all attempts and back-off together may take to bring response headers (unlimited). */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      problems.check(() -> settings.deadline(Durations.positive(deadline, "deadline")));
      return this;
    }

    /** Time to connect to an instance (the gateway's, 5 s). */
    public Builder connectTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "connectTimeout");
      problems.check(() -> this.connectTimeout = Durations.positive(timeout, "connectTimeout"));
      return this;
    }

    /** The idle timeout: how long the upstream may stay silent (the gateway's, 30 s). */
    public Builder readTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "readTimeout");
      problems.check(() -> this.readTimeout = Durations.positive(timeout, "readTimeout"));
      return this;
    }

    /**
     * The upstream: instances or a discovery, not both. Does not throw: an upstream with mistakes
     * carries them to the gateway, whose {@link Gateway.Builder#build()} reports them.
     */
    public Upstream build() {
      List<String> found = new ArrayList<>();
      if (instances.isEmpty() && !settings.hasDiscovery()) {
        found.add("upstream '" + name + "' needs at least one instance or a discovery");
      }
      if (!instances.isEmpty() && settings.hasDiscovery()) {
        found.add("upstream '" + name + "' has both instances and a discovery: choose one");
      }
      lastBuild = List.copyOf(found);
      return new Upstream(this, problems());
    }
  }
}
