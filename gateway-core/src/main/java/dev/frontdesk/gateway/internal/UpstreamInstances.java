package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.LoadBalancing;
import dev.frontdesk.gateway.OutlierDetection;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.internal.upstream.UpstreamCaller;
import dev.frontdesk.gateway.internal.upstream.UpstreamGroup;
import java.time.Clock;
import java.util.List;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one upstream as the proxy sees them: a group with its load balancer, health and
 * retry loop (in {@code internal.upstream}). A route's single URL is a group of one, tried once.
 */
public final class UpstreamInstances {
  /** A URL to build upstream requests on; each attempt replaces it with its endpoint's. */
  static final Instance PLACEHOLDER = Instance.parse("http://upstream.invalid/");

  private final UpstreamCaller caller;

  /** A fixed group, round robin, without ejection nor retries (the route's {@code to(url)}). */
  public UpstreamInstances(List<String> urls) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an upstream needs at least one instance");
    }
    UpstreamGroup group = new UpstreamGroup(urls.get(0), LoadBalancing.roundRobin(),
        OutlierDetection.disabled(), null, null, Clock.systemUTC());
    group.update(urls.stream().map(dev.frontdesk.gateway.Instance::of).toList());
    this.caller = new UpstreamCaller(group, RetryPolicy.none(), null, null, () -> {
      throw new IllegalStateException("a single-URL target has no per-try timeout");
    });
  }

  /** The instances of a named upstream, called through this caller. */
  public UpstreamInstances(UpstreamCaller caller) {
    this.caller = caller;
  }

  public UpstreamCaller caller() {
    return caller;
  }

  /** One instance: scheme, host, port and an optional base path prepended to every request path. */
  public record Instance(HttpUrl base, String basePath) {
    /** Parses and checks an upstream URL; throws {@link IllegalArgumentException} naming it. */
    public static Instance parse(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      if (parsed == null) {
        throw new IllegalArgumentException("upstream URL must be an absolute http(s) URL: '" + url + "'");
      }
      if (parsed.encodedQuery() != null || parsed.encodedFragment() != null) {
        throw new IllegalArgumentException("upstream URL must not have a query or fragment: '" + url + "'");
      }
      String path = parsed.encodedPath();
      String basePath = path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
      return new Instance(parsed.newBuilder().encodedPath("/").build(), basePath);
    }

    HttpUrl url(String path, @Nullable String query) {
      HttpUrl.Builder b = base.newBuilder().encodedPath(basePath + path);
      if (query != null) {
        b.encodedQuery(query);
      }
      return b.build();
    }
  }
}
