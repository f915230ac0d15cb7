package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.micrometer.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code metrics: true} or {@code {tags, histograms}}: a Prometheus registry and {@link
 * GatewayMetrics} on it, scraped at the admin endpoints' {@code /metrics}. Loaded only once
 * gateway-micrometer and micrometer-registry-prometheus are known to be on the class path. The
 * registry is kept over a reload while the definition stays the same, so counters keep counting.
 */
final class MetricsMapper {
  /** What one metrics definition made: the listener and the scrape. */
  record Parts(GatewayListener listener, Supplier<String> scrape) {}

  private final Ctx ctx;

  MetricsMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  @Nullable Parts map(Obj root) {
    com.fasterxml.jackson.databind.JsonNode node = root.raw("metrics");
    if (node == null) {
      return null;
    }
    Parts kept = ctx.previous().reuse("metrics", node, Parts.class);
    if (kept != null) {
      ctx.next().keep("metrics", node, kept);
      return kept;
    }
    Parts parts;
    if (node.isBoolean()) {
      parts = node.booleanValue() ? parts(null) : null;
    } else {
      Obj o = root.obj("metrics", Shapes.METRICS);
      parts = o == null ? null : parts(o);
    }
    if (parts != null) {
      ctx.next().keep("metrics", node, parts);
    }
    return parts;
  }

  private @Nullable Parts parts(@Nullable Obj o) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics.Builder b = GatewayMetrics.builder(registry);
    if (o != null) {
      ctx.watch(b::problems, o.path);
      Map<String, String> tags = o.stringMap("tags");
      if (tags != null) {
        tags.forEach((k, v) -> ctx.attempt(Tree.child(o.at("tags"), k), () -> b.tag(k, v)));
      }
      o.bool("histograms", b::histograms);
      if (o.broken()) {
        registry.close();
        return null;
      }
    }
    return new Parts(b.build(), registry::scrape);
  }
}
