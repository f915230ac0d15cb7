package dev.frontdesk.gateway.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** The instances of one upstream, taken in turn (round robin). */
public final class UpstreamInstances {
  private final List<Instance> instances;
  private final AtomicInteger next = new AtomicInteger();

  public UpstreamInstances(List<String> urls) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("an upstream needs at least one instance");
    }
    this.instances = urls.stream().map(Instance::parse).toList();
  }

  public Instance next() {
    if (instances.size() == 1) {
      return instances.get(0);
    }
    return instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
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
