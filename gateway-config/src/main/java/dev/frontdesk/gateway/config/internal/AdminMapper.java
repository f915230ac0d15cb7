package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.AdminEndpoints;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code admin:} onto {@link AdminEndpoints.Builder}: the read-only admin gateway a host serves on
 * its own port, protected by its own API key (from {@code ${env:...}} or {@code ${file:...}}), with
 * the Prometheus scrape when {@code metrics} is on.
 */
public final class AdminMapper {
  private final Ctx ctx;

  AdminMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  @Nullable AdminSpec map(Obj root, Set<String> upstreams, @Nullable Supplier<String> scrape) {
    Obj o = root.obj("admin", Shapes.ADMIN);
    if (o == null) {
      if (scrape != null) {
        ctx.problem(
            root.at("metrics"),
            "metrics are scraped at the admin endpoints: add admin: {port: ...," + " apiKey: ...}");
      }
      return null;
    }
    Integer port = o.integer("port");
    if (port != null && (port < 0 || port > 65535)) {
      ctx.problem(o.at("port"), "port must be 0..65535: " + port);
    }
    String prefix = o.has("prefix") ? o.string("prefix") : "";
    if (prefix != null && !prefix.isEmpty()) {
      AdminEndpoints.Builder probe = AdminEndpoints.builder(AdminMapper::nothingServed);
      ctx.watch(probe::problems, o.path);
      ctx.attempt(o.at("prefix"), () -> probe.prefix(prefix));
    }
    String key = o.secret("apiKey");
    String header = o.string("apiKeyHeader");
    Boolean open = o.bool("allowUnauthenticated");
    List<String> required = o.strings("requiredUpstreams");
    if (key == null && !Boolean.TRUE.equals(open) && !o.has("apiKey")) {
      ctx.problem(
          o.path,
          "admin needs apiKey (say ${env:ADMIN_KEY} or ${file:/run/secrets/admin-key}), or"
              + " allowUnauthenticated: true when its port is private");
    } else if (o.has("apiKey") && Boolean.TRUE.equals(open)) {
      ctx.problem(
          o.at("allowUnauthenticated"), "apiKey and allowUnauthenticated exclude each other");
    }
    if (header != null && !o.has("apiKey")) {
      ctx.problem(o.at("apiKeyHeader"), "apiKeyHeader needs apiKey");
    }
    if (required != null) {
      for (String name : required) {
        if (!upstreams.contains(name)) {
          ctx.problem(
              o.at("requiredUpstreams"),
              "unknown upstream '"
                  + name
                  + "' (declared: "
                  + (upstreams.isEmpty() ? "none" : String.join(", ", upstreams))
                  + ")");
        }
      }
    }
    if (o.broken() || prefix == null) {
      return null;
    }
    Middleware auth = key == null ? null : apiKey(o, key, header);
    AdminSpec spec =
        new AdminSpec(prefix, auth, required == null ? List.of() : required, port, scrape);
    // the builder's own checks, once, on a gateway that reports on nothing
    return ctx.attempt(o.path, () -> spec.build(AdminMapper::nothingServed).close()) ? spec : null;
  }

  /** What the checks' admin gateways report on: they are closed before anything asks. */
  private static Gateway nothingServed() {
    throw new IllegalStateException("checked, not served");
  }

  private @Nullable Middleware apiKey(Obj o, String key, @Nullable String header) {
    Middleware[] out = new Middleware[1];
    return ctx.attempt(
            o.at("apiKey"),
            () -> {
              InMemoryApiKeyStore store =
                  InMemoryApiKeyStore.builder()
                      .key(key, ApiConsumer.of("admin", "Operator", Set.of("admin")))
                      .build();
              ApiKeyAuthenticator.Builder b = ApiKeyAuthenticator.builder(store);
              if (header != null) {
                b.header(header);
              }
              out[0] = Authentication.required(b.build());
            })
        ? out[0]
        : null;
  }

  /** The admin section, built into a gateway once the host knows what it serves. */
  public record AdminSpec(
      String prefix,
      @Nullable Middleware authentication,
      List<String> requiredUpstreams,
      @Nullable Integer port,
      @Nullable Supplier<String> scrape) {
    /**
     * The admin gateway reporting on {@code served} (asked on every request, so it may be swapped).
     */
    public Gateway build(Supplier<Gateway> served) {
      AdminEndpoints.Builder b =
          AdminEndpoints.builder(served)
              .prefix(prefix)
              .requiredUpstreams(requiredUpstreams.toArray(String[]::new));
      if (authentication != null) {
        b.authentication(authentication);
      } else {
        b.allowUnauthenticated();
      }
      if (scrape != null) {
        b.metrics(scrape, "text/plain; version=0.0.4; charset=utf-8");
      }
      return b.build();
    }
  }
}
