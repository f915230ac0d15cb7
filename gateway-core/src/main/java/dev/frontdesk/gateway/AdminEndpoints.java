package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.AdminViews;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Read-only admin endpoints for a gateway, as a {@link Gateway} of their own: host it on a separate
 * port (a second servlet or connector) or under a path of the same server. Only {@code GET} and
 * {@code HEAD} are answered (405 otherwise): nothing can be changed over HTTP, and nothing a
 * request sends is evaluated.
 *
 * <ul>
 *   <li>{@code /health/live}: 200 while the process serves;
 *   <li>{@code /health/ready}: 200, or 503 while the gateway shuts down or a {@linkplain
 *       Builder#requiredUpstreams required upstream} has no available instance;
 *   <li>{@code /routes}: the route table;
 *   <li>{@code /upstreams}: instances with health, ejection and circuit state;
 *   <li>{@code /metrics}: the scrape you {@linkplain Builder#metrics provide} (Prometheus text).
 * </ul>
 *
 * <p>The probes are open, so that load balancers and orchestrators can call them; the others need
 * the {@linkplain Builder#authentication authentication} you give, or an explicit {@link
 * Builder#allowUnauthenticated()}.
 *
 * <pre>{@code
 * AtomicReference<Gateway> served = new AtomicReference<>(gateway);
 * Gateway admin = AdminEndpoints.builder(served::get)
 *     .authentication(Authentication.apiKeys(...))          // from gateway-auth
 *     .metrics(prometheus::scrape, "text/plain; version=0.0.4; charset=utf-8")
 *     .build();
 * // mount `admin` on its own port, e.g. EmbedInJetty.start(admin, "127.0.0.1", 9090, 8)
 * }</pre>
 */
public final class AdminEndpoints {
  private AdminEndpoints() {}

  /**
   * @param gateway the gateway to report on, asked on every request (so it can be swapped)
   */
  public static Builder builder(Supplier<Gateway> gateway) {
    return new Builder(gateway);
  }

  /** Builds the admin gateway. Defaults: prefix none, no required upstream, no metrics. */
  public static final class Builder {
    private final Supplier<Gateway> gateway;
    private String prefix = "";
    private final List<Middleware> authentication = new ArrayList<>();
    private boolean unauthenticated;
    private final Set<String> requiredUpstreams = new LinkedHashSet<>();
    private @Nullable Supplier<String> metrics;
    private String metricsContentType = "text/plain; charset=utf-8";

    private final BuilderProblems problems = new BuilderProblems("admin endpoints: ");

    private Builder(Supplier<Gateway> gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /** A path prefix for every endpoint, such as {@code /admin}. */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!prefix.isEmpty()
          && (!prefix.startsWith("/")
              || prefix.endsWith("/")
              || prefix.contains("*")
              || prefix.contains("{"))) {
        problems.add(
            "prefix must start with '/' and be a plain path without a trailing '/': " + prefix);
      } else {
        this.prefix = prefix;
      }
      return this;
    }

    /** The mistakes recorded so far; {@link #build()} reports them. */
    public List<String> problems() {
      return problems.list();
    }

    /** Middleware that authenticates callers of every endpoint but the probes. */
    public Builder authentication(Middleware... middleware) {
      for (Middleware m : middleware) {
        authentication.add(Objects.requireNonNull(m, "authentication"));
      }
      return this;
    }

    /** Serves every endpoint without authentication: only on a port nobody else can reach. */
    public Builder allowUnauthenticated() {
      this.unauthenticated = true;
      return this;
    }

    /**
     * Upstreams without which the gateway is not ready: readiness fails while one has no available
     * instance.
     */
    public Builder requiredUpstreams(String... names) {
      for (String name : names) {
        requiredUpstreams.add(Objects.requireNonNull(name, "upstream name"));
      }
      return this;
    }

    /** Serves {@code scrape.get()} at {@code /metrics}, with this content type. */
    public Builder metrics(Supplier<String> scrape, String contentType) {
      this.metrics = Objects.requireNonNull(scrape, "scrape");
      this.metricsContentType = Objects.requireNonNull(contentType, "contentType");
      return this;
    }

    /**
     * Builds the admin gateway.
     *
     * @throws GatewayConfigException listing the values the setters refused, and whether neither
     *     authentication nor allowUnauthenticated was chosen, or both were
     */
    public Gateway build() {
      List<String> choice = List.of();
      if (authentication.isEmpty() && !unauthenticated) {
        choice =
            List.of(
                "call authentication(...) to protect /routes, /upstreams and /metrics,"
                    + " or allowUnauthenticated() when the port is private");
      } else if (!authentication.isEmpty() && unauthenticated) {
        choice = List.of("authentication(...) and allowUnauthenticated() exclude each other");
      }
      problems.throwIfAny(choice);
      AdminViews views = new AdminViews(gateway, Set.copyOf(requiredUpstreams));
      Middleware[] auth = authentication.toArray(Middleware[]::new);
      Gateway.Builder b =
          Gateway.builder()
              .route("admin-live", r -> r.get(prefix + "/health/live").handleWith(views::live))
              .route("admin-ready", r -> r.get(prefix + "/health/ready").handleWith(views::ready))
              .route(
                  "admin-routes",
                  r -> r.get(prefix + "/routes").use(auth).handleWith(views::routes))
              .route(
                  "admin-upstreams",
                  r -> r.get(prefix + "/upstreams").use(auth).handleWith(views::upstreams));
      Supplier<String> scrape = metrics;
      if (scrape != null) {
        String type = metricsContentType;
        b.route(
            "admin-metrics",
            r ->
                r.get(prefix + "/metrics")
                    .use(auth)
                    .handleWith(
                        request ->
                            Response.builder()
                                .status(200)
                                .header("Content-Type", type)
                                .header("Cache-Control", "no-store")
                                .body(Body.of(scrape.get()))
                                .build()));
      }
      return b.build();
    }
  }
}
