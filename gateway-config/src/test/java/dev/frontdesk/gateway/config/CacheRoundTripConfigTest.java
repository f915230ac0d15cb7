package dev.frontdesk.gateway.config;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.cache.ResponseCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code caches} and {@code use: [{cache: name}]} answer as the builder code they stand for. */
class CacheRoundTripConfigTest {
  private static final String CONFIG =
      """
      caches:
        catalog: {maximumBytes: 1MiB, maxBodySize: 64KiB, defaultTtl: 30s, name: edge}
      routes:
        - id: products
          path: /products/**
          use: [{cache: catalog}]
          to: ${env:UPSTREAM}
        - id: offers
          path: /offers/**
          use: [{cache: catalog}]
          to: ${env:UPSTREAM}
      """;

  // Each gateway gets its own upstream: the upstream counts its requests, and a hit is one it never
  // saw.
  private final MockWebServer forConfig = SameAnswers.echo("catalog");
  private final MockWebServer forCode = SameAnswers.echo("catalog");
  private final Gateway fromConfig =
      SameAnswers.fromConfig(CONFIG, Map.of("UPSTREAM", baseUrl(forConfig)));
  private final Gateway fromCode = code();

  private Gateway code() {
    ResponseCache catalog =
        ResponseCache.builder()
            .maximumBytes(1 << 20)
            .maxBodySize(64 << 10)
            .defaultTtl(Duration.ofSeconds(30))
            .name("edge")
            .build();
    return Gateway.builder()
        .route("products", r -> r.path("/products/**").use(catalog).proxyTo(baseUrl(forCode)))
        .route("offers", r -> r.path("/offers/**").use(catalog).proxyTo(baseUrl(forCode)))
        .build();
  }

  @AfterEach
  void close() throws Exception {
    fromConfig.close();
    fromCode.close();
    forConfig.close();
    forCode.close();
  }

  @Test
  void cachedRoutesAnswerAsTheirBuilderCode() {
    List<String> answers =
        SameAnswers.assertSameAnswers(
            fromCode,
            fromConfig,
            List.of(
                Request.of("GET", "/products/fresh/1"),
                Request.of("GET", "/products/fresh/1"), // a hit: the upstream's count does not move
                Request.of("GET", "/offers/fresh/9"), // another route, the same cache
                Request.of("GET", "/products/plain/2"),
                Request.of(
                    "GET",
                    "/products/plain/2"), // no-cache: revalidated, so the upstream sees it again
                Request.of(
                    "POST", "/products/fresh/1"), // not cached, and it invalidates the stored GET
                Request.of("GET", "/products/fresh/1")));

    assertThat(answers.get(1)).contains("hit").contains("\"n\":1");
    assertThat(forConfig.getRequestCount()).isEqualTo(forCode.getRequestCount()).isEqualTo(6);
  }
}
