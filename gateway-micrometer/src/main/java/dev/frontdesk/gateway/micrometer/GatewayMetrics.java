package dev.frontdesk.gateway.micrometer;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.micrometer.internal.Meters;
import dev.frontdesk.gateway.micrometer.internal.Tagging;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A gateway's metrics in a Micrometer {@link MeterRegistry}: request durations per route, method
 * and status (with histogram buckets), upstream try durations per upstream and instance, requests
 * in flight, retries, retry-budget exhaustion, ejections, readmissions, circuit-breaker states and
 * the answers the gateway made itself by reason (authentication and authorization failures, rate
 * limits, no route, upstream failures). Names follow the OpenTelemetry HTTP semantic conventions
 * where one exists ({@code http.server.request.duration}, {@code http.client.request.duration});
 * docs/metrics.md lists every meter and tag.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Gateway gateway = Gateway.builder()
 *     .listener(GatewayMetrics.of(registry))
 *     ...
 *     .build();
 * // later: registry.scrape() is the Prometheus text
 * }</pre>
 *
 * <p>Tags never carry a path, request id, subject or anything else a client chooses: a method other
 * than the standard ones is {@code _OTHER}, and a request no route matched is route {@code
 * unmatched}. Make one per registry and share it between gateways; two on one registry would share
 * every meter but the second's requests in flight.
 */
public final class GatewayMetrics implements GatewayListener {
  private final Meters meters;

  private GatewayMetrics(Meters meters) {
    this.meters = meters;
  }

  /** Metrics in {@code registry}, with histogram buckets and no extra tags. */
  public static GatewayMetrics of(MeterRegistry registry) {
    return builder(registry).build();
  }

  /** A builder for metrics in {@code registry}, to add common tags or turn histograms off. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public ExchangeListener exchangeStarted(Request request) {
    return meters.exchangeStarted(request);
  }

  @Override
  public void instanceEjected(String upstream, String instance, String reason) {
    meters.instanceEjected(upstream, instance, reason);
  }

  @Override
  public void instanceReadmitted(String upstream, String instance) {
    meters.instanceReadmitted(upstream, instance);
  }

  @Override
  public void circuitOpened(String upstream, @Nullable String instance) {
    meters.circuitOpened(upstream, instance);
  }

  @Override
  public void circuitClosed(String upstream, @Nullable String instance) {
    meters.circuitClosed(upstream, instance);
  }

  @Override
  public void retryBudgetExhausted(String upstream) {
    meters.retryBudgetExhausted(upstream);
  }

  /**
   * Counts {@code frontdesk.auth.key_set.refreshes} by {@code source} and {@code outcome}: hand
   * this to the authenticator, {@code JwtAuthenticator.builder().jwksUrl(...).listener(metrics)}.
   */
  @Override
  public void keySetRefreshed(String source, boolean succeeded) {
    meters.keySetRefreshed(source, succeeded);
  }

  /**
   * Builds {@link GatewayMetrics}. Defaults: no common tags, histogram buckets on the two duration
   * timers. A bad tag does not throw where it is given (a null does): it is recorded and left out,
   * and {@link #build()} throws one {@link GatewayConfigException} listing every mistake.
   */
  public static final class Builder {
    private final MeterRegistry registry;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private boolean histograms = true;
    private final BuilderProblems problems = new BuilderProblems("GatewayMetrics: ");

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * The mistakes the setters recorded so far: a bad tag is recorded instead of thrown (a null
     * still throws {@link NullPointerException}), and {@link #build()} throws them all. For tools
     * that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /**
     * A tag on every meter this makes, such as {@code tag("gateway", "edge")} to tell two gateways
     * apart in one registry. A key set again takes the last value; it may not be one the meters set
     * themselves ({@code http.route}, {@code upstream}, ...).
     */
    public Builder tag(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.isBlank()) {
        problems.add("tag key must not be blank");
      } else if (Tagging.OWN_KEYS.contains(key)) {
        problems.add("tag key '" + key + "' is one the gateway's meters set themselves");
      } else {
        tags.put(key, value);
      }
      return this;
    }

    /**
     * Whether {@code http.server.request.duration} and {@code http.client.request.duration} publish
     * histogram buckets (Prometheus {@code _bucket} series, for percentiles across instances): on
     * by default. Off leaves count, sum and max, at a fraction of the series.
     */
    public Builder histograms(boolean enabled) {
      this.histograms = enabled;
      return this;
    }

    /**
     * The listener; its meters are registered as the traffic they measure first appears.
     *
     * @throws GatewayConfigException listing every bad tag the builder was given
     */
    public GatewayMetrics build() {
      problems.throwIfAny();
      Tags common = Tags.empty();
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        common = common.and(tag.getKey(), tag.getValue());
      }
      return new GatewayMetrics(new Meters(registry, common, histograms));
    }
  }
}
