package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.http.Origin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One instance of an upstream service: its base URL, a weight for weighted balancing, and an
 * optional zone and metadata for discovery sources and observers. Two instances with the same URL
 * are the same instance: when a discovery source reports it again, its health and counters carry
 * over.
 *
 * <pre>{@code
 * Instance big = Instance.builder("http://10.0.0.7:8080").weight(3).zone("eu-west-1a").build();
 * }</pre>
 */
public final class Instance {
  private final String url;
  private final int weight;
  private final @Nullable String zone;
  private final Map<String, String> metadata;

  private Instance(Builder b) {
    this.url = b.url;
    this.weight = b.weight;
    this.zone = b.zone;
    this.metadata = Map.copyOf(b.metadata);
  }

  /** An instance with weight 1, no zone and no metadata. */
  public static Instance of(String url) {
    return builder(url).build();
  }

  /** Starts an instance at this absolute http(s) URL, optionally with a base path. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** The base URL, as given. */
  public String url() {
    return url;
  }

  /** The relative share of requests under weighted balancing (1 by default). */
  public int weight() {
    return weight;
  }

  /** The zone the instance runs in, when known. */
  public @Nullable String zone() {
    return zone;
  }

  /** Free-form labels from configuration or a discovery source. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** A builder holding this instance's values. */
  public Builder newBuilder() {
    Builder b = new Builder(url).weight(weight);
    if (zone != null) {
      b.zone(zone);
    }
    b.metadata.putAll(metadata);
    return b;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Instance other
        && url.equals(other.url)
        && weight == other.weight
        && Objects.equals(zone, other.zone)
        && metadata.equals(other.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, weight, zone, metadata);
  }

  @Override
  public String toString() {
    return weight == 1 && zone == null
        ? url
        : url + "{weight=" + weight + (zone == null ? "" : ", zone=" + zone) + "}";
  }

  /** Builds an {@link Instance}; the URL is checked at once. */
  public static final class Builder {
    private final String url;
    private int weight = 1;
    private @Nullable String zone;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final BuilderProblems problems = new BuilderProblems("");

    private Builder(String url) {
      Objects.requireNonNull(url, "url");
      problems.check(() -> Origin.parse(url));
      this.url = url;
    }

    /** Relative share of requests, 1 to 10,000 (1). */
    public Builder weight(int weight) {
      if (weight < 1 || weight > 10_000) {
        problems.add("instance '" + url + "': weight must be between 1 and 10000: " + weight);
      } else {
        this.weight = weight;
      }
      return this;
    }

    /** The zone the instance runs in. */
    public Builder zone(String zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Adds a metadata label. */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The mistakes recorded so far; {@link #build()} reports them. */
    public java.util.List<String> problems() {
      return problems.list();
    }

    /**
     * The instance.
     *
     * @throws GatewayConfigException listing every mistake recorded since {@link Instance#builder}
     */
    public Instance build() {
      problems.throwIfAny();
      return new Instance(this);
    }
  }
}
