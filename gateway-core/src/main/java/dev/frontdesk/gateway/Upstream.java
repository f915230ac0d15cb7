package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.UpstreamInstances;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named backend service: one or more instances that routes reach by name with {@link
 * Route.Builder#toUpstream(String)}. Requests are spread over the instances in turn.
 *
 * <pre>{@code
 * Upstream users = Upstream.builder("users")
 *     .instance("http://10.0.0.5:8080").instance("http://10.0.0.6:8080")
 *     .readTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class Upstream {
  private final String name;
  private final List<String> instances;
  private final @Nullable Duration connectTimeout;
  private final @Nullable Duration readTimeout;

  private Upstream(Builder b) {
    this.name = b.name;
    this.instances = List.copyOf(b.instances);
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
  }

  /** An upstream with these instance URLs and the gateway's default timeouts. */
  public static Upstream of(String name, String... urls) {
    Builder b = builder(name);
    for (String url : urls) {
      b.instance(url);
    }
    return b.build();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public List<String> instances() {
    return instances;
  }

  public @Nullable Duration connectTimeout() {
    return connectTimeout;
  }

  public @Nullable Duration readTimeout() {
    return readTimeout;
  }

  @Override
  public String toString() {
    return "Upstream{" + name + " " + instances + "}";
  }

  /** Builds an {@link Upstream}; at least one instance is required. */
  public static final class Builder {
    private final String name;
    private final List<String> instances = new ArrayList<>();
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("upstream name must not be blank");
      }
      this.name = name;
    }

    /** Adds an instance: an absolute http(s) URL, optionally with a base path. */
    public Builder instance(String url) {
      Objects.requireNonNull(url, "url");
      try {
        UpstreamInstances.Instance.parse(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("upstream '" + name + "': " + e.getMessage());
      }
      instances.add(url);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Durations.positive(timeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = Durations.positive(timeout, "readTimeout");
      return this;
    }

    public Upstream build() {
      if (instances.isEmpty()) {
        throw new IllegalStateException("upstream '" + name + "' needs at least one instance");
      }
      return new Upstream(this);
    }
  }
}
