package dev.frontdesk.gateway.ratelimit;

import static dev.frontdesk.gateway.testing.TestUpstreams.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Duration;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeysAndPlansTest {
  private final RateLimitBackend backend =
      RateLimitBackend.localBuilder().ticker(new FakeClock()).build();
  private MockWebServer upstream;

  @BeforeEach
  void startUpstream() throws Exception {
    upstream = TestUpstreams.alwaysOk();
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  /** Stands in for gateway-auth: proves identity from two test headers. */
  private static final Middleware FAKE_AUTH =
      Middlewares.before(
          request -> {
            String consumer = request.header("X-Test-Consumer");
            if (consumer == null) {
              return request;
            }
            String group = request.header("X-Test-Group");
            Identity identity =
                Identity.builder("user-of-" + consumer)
                    .consumerId(consumer)
                    .groups(group == null ? Set.of() : Set.of(group))
                    .authenticatedBy("api-key")
                    .build();
            return request.newBuilder().attribute(Attributes.IDENTITY, identity).build();
          });

  private RateLimiter limiter(KeyResolver key, long perMinute) {
    return RateLimiter.builder()
        .backend(backend)
        .key(key)
        .limit(RateLimit.of(perMinute, Duration.ofMinutes(1)))
        .build();
  }

  private Gateway twoRoutes(RateLimiter limiter) {
    String url = upstream.url("/").toString();
    return Gateway.builder()
        .trustedProxies("10.0.0.0/8")
        .use(FAKE_AUTH, limiter)
        .route("orders", r -> r.path("/orders/**").proxyTo(url))
        .route("users", r -> r.path("/users/**").proxyTo(url))
        .build();
  }

  private static Request from(String peer, String path, String... headers) {
    Request.Builder b = Request.builder().target(path).remoteAddress(peer);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test
  void aClientCannotEscapeItsLimitWithAMadeUpForwardedFor() throws Exception {
    try (Gateway gateway = twoRoutes(limiter(KeyResolver.clientAddress(), 2))) {
      assertThat(
              status(
                  gateway.handle(from("203.0.113.7", "/orders/1", "X-Forwarded-For", "1.1.1.1"))))
          .isEqualTo(200);
      assertThat(
              status(
                  gateway.handle(from("203.0.113.7", "/orders/1", "X-Forwarded-For", "2.2.2.2"))))
          .isEqualTo(200);
      assertThat(
              status(
                  gateway.handle(from("203.0.113.7", "/orders/1", "X-Forwarded-For", "3.3.3.3"))))
          .isEqualTo(429);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void clientsBehindATrustedProxyEachGetTheirOwnBucket() throws Exception {
    try (Gateway gateway = twoRoutes(limiter(KeyResolver.clientAddress(), 1))) {
      assertThat(
              status(
                  gateway.handle(from("10.0.0.5", "/orders/1", "X-Forwarded-For", "198.51.100.1"))))
          .isEqualTo(200);
      assertThat(
              status(
                  gateway.handle(from("10.0.0.5", "/orders/1", "X-Forwarded-For", "198.51.100.2"))))
          .isEqualTo(200);
      assertThat(
              status(
                  gateway.handle(from("10.0.0.5", "/orders/1", "X-Forwarded-For", "198.51.100.1"))))
          .isEqualTo(429);
      // A client that prepends a fake hop still lands on its own, nearest untrusted address.
      assertThat(
              status(
                  gateway.handle(
                      from("10.0.0.5", "/orders/1", "X-Forwarded-For", "9.9.9.9, 198.51.100.2"))))
          .isEqualTo(429);
    }
    RecordedRequest first = upstream.takeRequest();
    assertThat(first.getHeaders().get("X-Forwarded-For")).contains("198.51.100.1");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void eachConsumerHasItsOwnBucketAndAnonymousClientsFallBackToTheirAddress() throws Exception {
    KeyResolver key = KeyResolver.consumer().orElse(KeyResolver.clientAddress());
    try (Gateway gateway = twoRoutes(limiter(key, 1))) {
      assertThat(
              status(gateway.handle(from("203.0.113.7", "/orders/1", "X-Test-Consumer", "acme"))))
          .isEqualTo(200);
      assertThat(
              status(gateway.handle(from("203.0.113.7", "/orders/1", "X-Test-Consumer", "acme"))))
          .isEqualTo(429);
      assertThat(
              status(gateway.handle(from("203.0.113.7", "/orders/1", "X-Test-Consumer", "globex"))))
          .isEqualTo(200);
      assertThat(status(gateway.handle(from("203.0.113.7", "/orders/1")))).isEqualTo(200);
      assertThat(status(gateway.handle(from("203.0.113.7", "/orders/1")))).isEqualTo(429);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aHeaderValueKeysTheBucketAndRequestsWithoutTheHeaderAreNotLimited() throws Exception {
    try (Gateway gateway = twoRoutes(limiter(KeyResolver.header("X-Api-Key"), 1))) {
      assertThat(status(gateway.handle(from("203.0.113.7", "/orders/1", "X-Api-Key", "k1"))))
          .isEqualTo(200);
      assertThat(status(gateway.handle(from("203.0.113.8", "/orders/1", "X-Api-Key", "k1"))))
          .isEqualTo(429);
      assertThat(status(gateway.handle(from("203.0.113.7", "/orders/1", "X-Api-Key", "k2"))))
          .isEqualTo(200);
      try (Response unkeyed = gateway.handle(from("203.0.113.7", "/orders/1"))) {
        assertThat(unkeyed.status()).isEqualTo(200);
        assertThat(unkeyed.headers().contains("RateLimit")).isFalse();
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRouteKeySharesOneBucketPerRouteAcrossClients() throws Exception {
    try (Gateway gateway = twoRoutes(limiter(KeyResolver.route(), 2))) {
      assertThat(status(gateway.handle(from("203.0.113.1", "/orders/1")))).isEqualTo(200);
      assertThat(status(gateway.handle(from("203.0.113.2", "/orders/1")))).isEqualTo(200);
      assertThat(status(gateway.handle(from("203.0.113.3", "/orders/1")))).isEqualTo(429);
      assertThat(status(gateway.handle(from("203.0.113.3", "/users/1")))).isEqualTo(200);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  /**
   * Two limiters left with the default name on one backend, each route with its own limit: a client
   * alternating between the routes must not reset either bucket with every switch.
   */
  @Test
  void limitersOfTheSameNameWithDifferentLimitsOnOneBackendKeepTheirOwnBuckets() throws Exception {
    String url = upstream.url("/").toString();
    try (Gateway gateway =
        Gateway.builder()
            .route(
                "orders",
                r -> r.path("/orders/**").use(limiter(KeyResolver.clientAddress(), 2)).proxyTo(url))
            .route(
                "users",
                r -> r.path("/users/**").use(limiter(KeyResolver.clientAddress(), 3)).proxyTo(url))
            .build()) {
      StringBuilder statuses = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        statuses.append(status(gateway.handle(from("203.0.113.7", "/orders/" + i)))).append(' ');
        statuses.append(status(gateway.handle(from("203.0.113.7", "/users/" + i)))).append(' ');
      }
      assertThat(statuses.toString().trim()).isEqualTo("200 200 200 200 429 200 429 429");
      try (Response users = gateway.handle(from("203.0.113.7", "/users/4"))) {
        assertThat(users.header("RateLimit-Policy")).isEqualTo("\"default\";q=3;w=60");
        assertThat(users.header("RateLimit")).isEqualTo("\"default\";r=0;t=60");
      }
    }
    assertThat(upstream.getRequestCount()).isEqualTo(5);
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/orders/0");
    assertThat(upstream.takeRequest().getTarget()).isEqualTo("/users/0");
  }

  @Test
  void aCompositeKeyLimitsEachConsumerOnEachRouteSeparately() throws Exception {
    KeyResolver key = KeyResolver.consumer().and(KeyResolver.route());
    try (Gateway gateway = twoRoutes(limiter(key, 1))) {
      assertThat(
              status(gateway.handle(from("203.0.113.7", "/orders/1", "X-Test-Consumer", "acme"))))
          .isEqualTo(200);
      assertThat(status(gateway.handle(from("203.0.113.7", "/users/1", "X-Test-Consumer", "acme"))))
          .isEqualTo(200);
      assertThat(
              status(gateway.handle(from("203.0.113.7", "/orders/2", "X-Test-Consumer", "acme"))))
          .isEqualTo(429);
      assertThat(
              status(gateway.handle(from("203.0.113.7", "/orders/2", "X-Test-Consumer", "globex"))))
          .isEqualTo(200);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void consumersInAGroupGetThatGroupsPlan() throws Exception {
    RateLimiter limiter =
        RateLimiter.builder()
            .backend(backend)
            .key(KeyResolver.consumer().orElse(KeyResolver.clientAddress()))
            .limit(
                RateLimit.capacity(1)
                    .refillIntervally(1, Duration.ofMinutes(1))
                    .name("free")
                    .build())
            .plan(
                "gold",
                RateLimit.capacity(3)
                    .refillIntervally(3, Duration.ofMinutes(1))
                    .name("gold")
                    .build())
            .build();
    try (Gateway gateway = twoRoutes(limiter)) {
      int gold = 0;
      int free = 0;
      for (int i = 0; i < 5; i++) {
        try (Response r =
            gateway.handle(
                from(
                    "203.0.113.7",
                    "/orders/1",
                    "X-Test-Consumer",
                    "acme",
                    "X-Test-Group",
                    "gold"))) {
          gold += r.status() == 200 ? 1 : 0;
          if (i == 0) {
            assertThat(r.header("RateLimit-Policy")).isEqualTo("\"gold\";q=3;w=60");
          }
        }
        try (Response r =
            gateway.handle(from("203.0.113.7", "/orders/1", "X-Test-Consumer", "initech"))) {
          free += r.status() == 200 ? 1 : 0;
          if (i == 0) {
            assertThat(r.header("RateLimit-Policy")).isEqualTo("\"free\";q=1;w=60");
          }
        }
      }
      assertThat(gold).isEqualTo(3);
      assertThat(free).isEqualTo(1);
    }
    assertThat(upstream.getRequestCount()).isEqualTo(4);
  }
}
