package dev.frontdesk.gateway.aggregation;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.HandlerFactory;
import dev.frontdesk.gateway.Upstreams;
import dev.frontdesk.gateway.aggregation.internal.AggregationHandler;
import dev.frontdesk.gateway.aggregation.internal.LegSpec;
import dev.frontdesk.gateway.aggregation.internal.Plan;
import dev.frontdesk.gateway.aggregation.internal.Ref;
import dev.frontdesk.gateway.aggregation.internal.Settings;
import dev.frontdesk.gateway.aggregation.internal.SharedExecutor;
import dev.frontdesk.gateway.aggregation.internal.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A route target that answers one client request with several upstream calls (legs) composed into
 * one JSON response. Legs run in parallel; a leg that reads another leg's result waits for exactly
 * that leg. Everything that can be checked is checked by {@link Builder#build()}: references to
 * unknown legs, dependency cycles, possible merge collisions; unknown upstream names are reported
 * when the gateway is built.
 *
 * <pre>{@code
 * Gateway.builder()
 *     .upstream(Upstream.of("users", usersUrl)).upstream(Upstream.of("orders", ordersUrl))
 *     .upstream(Upstream.of("products", productsUrl))
 *     .route("home", r -> r.get("/api/home/{id}").handleWithUpstreams(Aggregation.builder()
 *         .call("profile", c -> c.get("users", "/users/{id}").passThrough(404))
 *         .call("orders", c -> c.get("orders", "/orders?user={id}")
 *             .timeout(Duration.ofMillis(300)).optional())
 *         .call("recommendations", c -> c.get("products", "/recommendations?segment={profile:/segment}")
 *             .optional())
 *         .build()))
 *     .build();
 * }</pre>
 *
 * <p>Legs run on the executor given to {@link Builder#executor}, or else on a pool shared by all
 * aggregations in the JVM (daemon threads that end when idle), so an aggregation holds no resources
 * and needs no closing.
 */
public final class Aggregation implements HandlerFactory {
  private final @Nullable Plan plan; // null when the declaration has problems
  private final Settings settings;
  private final List<String> legNames;
  private final List<String> problems;

  private Aggregation(
      @Nullable Plan plan, Settings settings, List<String> legNames, List<String> problems) {
    this.plan = plan;
    this.settings = settings;
    this.legNames = List.copyOf(legNames);
    this.problems = List.copyOf(problems);
  }

  /** Starts declaring an aggregation. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves each leg's upstream; called once by the gateway while it is built, which reports what
   * this throws as problems of the route.
   *
   * @throws GatewayConfigException listing every problem of the declaration (cycles, unknown
   *     references, collisions, duplicate leg names), or else every leg whose upstream the gateway
   *     does not declare, each naming its leg
   */
  @Override
  public Handler create(Upstreams upstreams) {
    Objects.requireNonNull(upstreams, "upstreams");
    if (plan == null) {
      throw new GatewayConfigException(problems);
    }
    Map<String, Handler> proxies = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (LegSpec leg : plan.legs()) {
      String upstream = Objects.requireNonNull(leg.upstream);
      if (!proxies.containsKey(upstream)) {
        try {
          proxies.put(upstream, upstreams.proxy(upstream));
        } catch (IllegalArgumentException e) {
          unknown.add("aggregation leg '" + leg.name + "': " + e.getMessage());
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new GatewayConfigException(unknown);
    }
    return new AggregationHandler(plan, settings, Map.copyOf(proxies), upstreams.ticker());
  }

  @Override
  public String toString() {
    return "Aggregation" + legNames;
  }

  /**
   * Declares an {@link Aggregation}. Defaults: timeout 10 s (for the whole aggregation and each
   * leg), leg answers up to 1 MiB, client JSON body up to 1 MiB, forwarded headers {@code
   * traceparent}, {@code tracestate}, {@code baggage} and {@code Accept-Language}, no collision
   * policy, legs nested under their names, the shared executor.
   */
  public static final class Builder {
    private final List<Leg> legs = new ArrayList<>();
    private final List<String> duplicates = new ArrayList<>();
    private final BuilderProblems problems = new BuilderProblems(""); // what the setters refused
    private Duration timeout = Duration.ofSeconds(10);
    private long maxResponseBytes = 1 << 20;
    private long maxRequestBodyBytes = 1 << 20;
    private final Set<String> forwardHeaders =
        new LinkedHashSet<>(List.of("traceparent", "tracestate", "baggage", "Accept-Language"));
    private final Map<String, Template> headers = new LinkedHashMap<>();
    private @Nullable CollisionPolicy collisionPolicy;
    private @Nullable String statusKey;
    private @Nullable Composer composer;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * Declares a leg named {@code name} (letters, digits, '-' and '_'; used in references such as
     * {@code {name:/pointer}} and as its default key in the response).
     */
    public Builder call(String name, Consumer<Leg> spec) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(spec, "spec");
      if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
        problems.add(
            "name must start with a letter and hold only letters,"
                + " digits, '-' and '_': '"
                + name
                + "'");
        return this;
      }
      if (Ref.RESERVED.contains(name)) {
        problems.add("name '" + name + "' is reserved for references");
        return this;
      }
      if (legs.stream().anyMatch(l -> l.spec().name.equals(name))) {
        duplicates.add("leg '" + name + "' is declared twice");
        return this;
      }
      Leg leg = new Leg(name);
      spec.accept(leg);
      legs.add(leg);
      return this;
    }

    /** Caps the whole aggregation; legs still running then count as timed out. Default 10 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      return check(() -> this.timeout = Durations.positive(timeout, "timeout"));
    }

    /**
     * The most bytes each leg reads from its upstream unless the leg says otherwise. Default 1 MiB.
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes < 1) {
        problems.add("maxResponseBytes must be positive: " + maxResponseBytes);
      } else {
        this.maxResponseBytes = maxResponseBytes;
      }
      return this;
    }

    /** The most bytes of client body read for {@code {body:..}} references. Default 1 MiB. */
    public Builder maxRequestBodyBytes(long maxRequestBodyBytes) {
      if (maxRequestBodyBytes < 1) {
        problems.add("maxRequestBodyBytes must be positive: " + maxRequestBodyBytes);
      } else {
        this.maxRequestBodyBytes = maxRequestBodyBytes;
      }
      return this;
    }

    /**
     * Client headers every leg receives, replacing the default list. Credentials are refused here:
     * a leg that needs them says so with {@link Leg#forwardCredentials()}.
     */
    public Builder forwardHeaders(String... names) {
      for (String name : names) {
        Objects.requireNonNull(name, "name");
      }
      return check(
          () -> {
            Set<String> checked = new LinkedHashSet<>();
            for (String name : names) {
              checked.add(forwardable(name));
            }
            forwardHeaders.clear();
            forwardHeaders.addAll(checked);
          });
    }

    /** A header every leg sends, from a template: {@code header("X-User-Id", "{identity.sub}")}. */
    public Builder header(String name, String valueTemplate) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(valueTemplate, "valueTemplate");
      return check(() -> headers.put(headerName(name), Template.parse(valueTemplate)));
    }

    /**
     * How key collisions between legs are resolved; without one, possible collisions fail build().
     */
    public Builder onCollision(CollisionPolicy policy) {
      this.collisionPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds, under {@code key}, an object with each leg's status, upstream status, time in
     * milliseconds and error type: a machine-readable account of a partial answer.
     */
    public Builder statusBlock(String key) {
      this.statusKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Replaces nesting and merging with a custom function of the legs' results. */
    public Builder compose(Composer composer) {
      this.composer = Objects.requireNonNull(composer, "composer");
      return this;
    }

    /** Runs legs on {@code executor}, which the caller owns and shuts down. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The mistakes this builder's own setters recorded so far (each leg's are in its {@link
     * Leg#problems()}): a setter given a bad value records it instead of throwing, and the
     * gateway's {@code build()} reports it for the route. For tools that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    private Builder check(Runnable setter) {
      problems.check(setter);
      return this;
    }

    /**
     * Checks the whole declaration and returns the aggregation. Its problems (what the setters of
     * the aggregation and its legs recorded, duplicate leg names, unknown or self references,
     * cycles, {@code {item}} outside a forEach leg, possible key collisions without a policy) do
     * not throw here: the gateway's {@code build()} reports each, naming the route and the leg,
     * together with the rest of the configuration's problems.
     */
    public Aggregation build() {
      List<LegSpec> specs = legs.stream().map(Leg::spec).toList();
      List<String> problems = new ArrayList<>(this.problems.list());
      legs.forEach(leg -> problems.addAll(leg.problems()));
      problems.addAll(duplicates);
      Plan plan = null;
      if (problems.isEmpty()) { // a leg whose request was refused would only add noise here
        try {
          plan = Plan.of(specs, collisionPolicy, statusKey, composer != null);
        } catch (GatewayConfigException e) {
          problems.addAll(e.problems());
        }
      }
      Settings settings =
          new Settings(
              timeout,
              maxResponseBytes,
              maxRequestBodyBytes,
              Set.copyOf(forwardHeaders),
              Map.copyOf(headers),
              collisionPolicy,
              statusKey,
              composer,
              executor != null ? executor : SharedExecutor.get());
      List<String> names = specs.stream().map(s -> s.name).toList();
      return new Aggregation(problems.isEmpty() ? plan : null, settings, names, problems);
    }

    static String headerName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
        throw new IllegalArgumentException("name must be a header field name: '" + name + "'");
      }
      return name;
    }

    static String forwardable(String name) {
      headerName(name);
      if (Leg.isCredential(name)) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' carries the client's credentials: use"
                + " Leg.forwardCredentials() on the legs that need them");
      }
      return name;
    }
  }
}
