package dev.frontdesk.gateway.aggregation;

import static dev.frontdesk.gateway.aggregation.Service.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesAndForwardingTest extends AggregationTestSupport {
  /** Spaces, a slash, '&', '=', non-ASCII and '+': each must arrive as data, never as syntax. */
  private static final String TRICKY = "a b/c&d=é+";

  private static final String TRICKY_ENCODED = "a%20b%2Fc%26d%3D%C3%A9%2B";

  @Test
  void valuesFromTheClientAreEncodedForThePathAndTheQuery() throws Exception {
    gateway(
        Aggregation.builder()
            .call(
                "search",
                c ->
                    c.get(
                        "products",
                        "/search/{query.q}?term={query.q}&lang={header.Accept-Language}&tenant={identity.claim.tenant}&id={id}"))
            .build());
    products.on("/search/" + TRICKY_ENCODED, () -> answer("[1]"));
    Request request =
        Request.builder()
            .method("GET")
            .target("/api/home/42?q=" + TRICKY_ENCODED)
            .header("Accept-Language", "de-CH, fr;q=0.5")
            .attribute(
                Attributes.IDENTITY, Identity.builder("alice").claim("tenant", "acme & co").build())
            .build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("{\"search\":[1]}");
    }
    assertThat(products.take().getTarget())
        .isEqualTo(
            "/search/"
                + TRICKY_ENCODED
                + "?term="
                + TRICKY_ENCODED
                + "&lang=de-CH%2C%20fr%3Bq%3D0.5&tenant=acme%20%26%20co&id=42");
  }

  @Test
  void valuesFromAnEarlierLegAreEncodedToo() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call(
                "recommendations",
                c ->
                    c.get(
                        "products",
                        "/segments/{profile:/segment}?segment={profile:/segment}&n={profile:/limits/0}"))
            .build());
    String segment = JSON.writeValueAsString(TRICKY);
    users.on(
        "/users/alice",
        () -> answer("{\"segment\":" + segment + ",\"limits\":[12345678901234567890]}"));
    products.on("/segments/" + TRICKY_ENCODED, () -> answer("[]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(products.take().getTarget())
        .isEqualTo(
            "/segments/"
                + TRICKY_ENCODED
                + "?segment="
                + TRICKY_ENCODED
                + "&n=12345678901234567890");
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", ""})
  void aClientValueThatWouldBeAnEmptyOrDotSegmentIsABadRequestAndNothingIsCalled(String value)
      throws Exception {
    gateway(
        Aggregation.builder()
            .call("orders", c -> c.get("orders", "/accounts/{query.account}/orders"))
            .build());
    // where the call would land once the segment is removed (RFC 3986 §5.2.4) or merged away
    orders.on("/orders", () -> answer("[\"everybody's\"]"));
    orders.on("/accounts/orders", () -> answer("[\"everybody's\"]"));

    try (Response response = gateway.handle(get("/api/home/1?account=" + value))) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("orders");
      assertThat(json(response).path("detail").asText())
          .isEqualTo(
              "required leg 'orders' failed: {query.account} would make the path segment '"
                  + value
                  + "', which names no resource of its own (RFC 3986 §5.2.4)");
    }
    assertThat(orders.requestCount()).isZero();
  }

  @Test
  void aLegValueThatWouldBeADotSegmentIsABadGatewayAndTheDependentLegCallsNothing()
      throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call("team", c -> c.get("orders", "/teams/{profile:/team}/orders"))
            .build());
    users.on("/users/alice", () -> answer("{\"team\":\"..\"}"));
    orders.on("/orders", () -> answer("[\"everybody's\"]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("team");
      assertThat(json(response).path("detail").asText())
          .isEqualTo(
              "required leg 'team' failed: {profile:/team} would make the path segment '..',"
                  + " which names no resource of its own (RFC 3986 §5.2.4)");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
    assertThat(orders.requestCount()).isZero();
  }

  @Test
  void dotsInsideASegmentOrInTheQueryAreJustData() throws Exception {
    gateway(
        Aggregation.builder()
            .call("file", c -> c.get("products", "/files/{query.name}.json?v={query.name}"))
            .build());
    products.on("/files/...json", () -> answer("{}"));

    try (Response response = gateway.handle(get("/api/home/1?name=.."))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("{\"file\":{}}");
    }
    assertThat(products.take().getTarget()).isEqualTo("/files/...json?v=..");
  }

  @Test
  void legsGetTracingAndLanguageHeadersButNeverTheClientsCredentials() throws Exception {
    gateway(
        Aggregation.builder()
            .call(
                "profile",
                c -> c.get("users", "/users/{identity.sub}").header("X-User-Id", "{identity.sub}"))
            .call(
                "orders",
                c -> c.get("orders", "/orders").forwardCredentials().forwardHeaders("X-Client"))
            .build());
    users.on("/users/alice", () -> answer("{}"));
    orders.on("/orders", () -> answer("[]"));
    Request request =
        get("/api/home/1")
            .newBuilder()
            .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
            .header("Accept-Language", "fr")
            .header("Authorization", "Bearer secret")
            .header("Cookie", "session=abc")
            .header("X-Client", "ios")
            .build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
    }
    RecordedRequest toUsers = users.take();
    assertThat(toUsers.getHeaders().get("traceparent"))
        .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(toUsers.getHeaders().get("Accept-Language")).isEqualTo("fr");
    assertThat(toUsers.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(toUsers.getHeaders().get("X-User-Id")).isEqualTo("alice");
    assertThat(toUsers.getHeaders().get("X-Request-Id")).isNotBlank();
    assertThat(toUsers.getHeaders().names()).doesNotContain("Authorization", "Cookie", "X-Client");
    RecordedRequest toOrders = orders.take();
    assertThat(toOrders.getHeaders().get("Authorization")).isEqualTo("Bearer secret");
    assertThat(toOrders.getHeaders().get("Cookie")).isEqualTo("session=abc");
    assertThat(toOrders.getHeaders().get("X-Client")).isEqualTo("ios");
  }

  @Test
  void behindATrustedProxyLegsGetTheClientsForwardingChainLikeAProxiedRequest() throws Exception {
    gateway(
        Aggregation.builder().call("profile", c -> c.get("users", "/users/{identity.sub}")).build(),
        b -> b.trustedProxies("10.0.0.0/8"));
    users.on("/users/alice", () -> answer("{}"));
    Request request =
        get("/api/home/1")
            .newBuilder()
            .remoteAddress("10.0.0.2") // the load balancer
            .header("X-Forwarded-For", "203.0.113.9")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "shop.example")
            .header("X-Forwarded-Port", "443")
            .build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
    }
    RecordedRequest toUsers = users.take();
    assertThat(toUsers.getHeaders().get("X-Forwarded-For")).isEqualTo("203.0.113.9, 10.0.0.2");
    assertThat(toUsers.getHeaders().get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(toUsers.getHeaders().get("X-Forwarded-Host")).isEqualTo("shop.example");
    assertThat(toUsers.getHeaders().get("X-Forwarded-Port")).isEqualTo("443");
  }

  @Test
  void forwardingFieldsFromAnUntrustedClientNeverReachALeg() throws Exception {
    gateway(
        Aggregation.builder().call("profile", c -> c.get("users", "/users/{identity.sub}")).build(),
        b -> b.trustedProxies("10.0.0.0/8"));
    users.on("/users/alice", () -> answer("{}"));
    Request request =
        get("/api/home/1")
            .newBuilder()
            .remoteAddress("198.51.100.4")
            .header("X-Forwarded-For", "6.6.6.6")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "evil.example")
            .build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
    }
    RecordedRequest toUsers = users.take();
    assertThat(toUsers.getHeaders().get("X-Forwarded-For")).isEqualTo("198.51.100.4");
    assertThat(toUsers.getHeaders().get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(toUsers.getHeaders().get("X-Forwarded-Host")).isEqualTo("localhost");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alice        | name alice",
        "José         | name Jos%C3%A9",
        "渡辺          | name %E6%B8%A1%E8%BE%BA",
        "山田          | name %E5%B1%B1%E7%94%B0",
        "100%         | name 100%25",
        "'a\tb'       | name a%09b",
      })
  void headerValuesOutsideVisibleAsciiArePercentEncodedLikeIdentityForwarding(
      String name, String sent) throws Exception {
    gateway(
        Aggregation.builder()
            .header("X-User-Name", "name {identity.claim.name}")
            .call(
                "profile",
                c ->
                    c.get("users", "/users/{identity.sub}")
                        .header("X-Team", "{identity.claim.name}"))
            .build());
    users.on("/users/alice", () -> answer("{}"));
    Request request =
        get("/api/home/1")
            .newBuilder()
            .attribute(Attributes.IDENTITY, Identity.builder("alice").claim("name", name).build())
            .build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("{\"profile\":{}}");
    }
    RecordedRequest toUsers = users.take();
    assertThat(toUsers.getHeaders().get("X-User-Name")).isEqualTo(sent);
    assertThat(toUsers.getHeaders().get("X-Team")).isEqualTo(sent.substring("name ".length()));
  }

  @Test
  void aHeaderValueWithALineBreakFailsTheLegAndCallsNothing() throws Exception {
    gateway(
        Aggregation.builder()
            .call(
                "profile",
                c -> c.get("users", "/users/{identity.sub}").header("X-Team", "{query.team}"))
            .build());

    try (Response response = gateway.handle(get("/api/home/1?team=a%0D%0AX-Admin:%20true"))) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(json(response).path("detail").asText())
          .isEqualTo("required leg 'profile' failed: header X-Team would hold a line break");
    }
    assertThat(users.requestCount()).isZero();
  }

  @Test
  void aLineBreakInAHeaderValueFromALegsAnswerIsABadGatewayAndCallsNothing() throws Exception {
    gateway(
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/{identity.sub}"))
            .call("team", c -> c.get("orders", "/orders").header("X-Team", "{profile:/team}"))
            .build());
    users.on("/users/alice", () -> answer("{\"team\":\"a\\r\\nX-Admin: true\"}"));
    orders.on("/orders", () -> answer("[]"));

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("team");
      assertThat(json(response).path("detail").asText())
          .isEqualTo("required leg 'team' failed: header X-Team would hold a line break");
    }
    assertThat(users.take().getTarget()).isEqualTo("/users/alice");
    assertThat(orders.requestCount()).isZero();
  }

  @Test
  void credentialsCannotBeForwardedByNameAlone() {
    assertThat(Aggregation.builder().forwardHeaders("traceparent", "Authorization").problems())
        .containsExactly(
            "'Authorization' carries the client's credentials: use Leg.forwardCredentials() on the legs that need them");
  }

  @Test
  void postAndPutLegsSendBodiesBuiltFromTheClientsJsonBody() throws Exception {
    gateway(
        Aggregation.builder()
            .call(
                "quote",
                c ->
                    c.post("orders", "/quotes")
                        .body(
                            "{\"user\":\"{identity.sub}\",\"lines\":\"{body:/cart/lines}\",\"note\":\"coupon {body:/coupon}\"}"))
            .call("cart", c -> c.put("products", "/carts/{identity.sub}").forwardBody("/cart"))
            .build());
    orders.on("/quotes", () -> answer(201, "{\"total\":12.50}"));
    products.on("/carts/alice", () -> answer("{\"saved\":true}"));
    String clientBody =
        "{\"cart\":{\"lines\":[{\"sku\":\"a-1\",\"qty\":2,\"price\":0.10}]},\"coupon\":\"SPRING\"}";
    Request request =
        get("/api/home/1")
            .newBuilder()
            .method("POST")
            .header("Content-Type", "application/json")
            .body(Body.of(clientBody))
            .build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().string())
          .isEqualTo("{\"quote\":{\"total\":12.50},\"cart\":{\"saved\":true}}");
    }
    RecordedRequest quote = orders.take();
    assertThat(quote.getMethod()).isEqualTo("POST");
    assertThat(quote.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(quote.getBody().string(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"user\":\"alice\",\"lines\":[{\"sku\":\"a-1\",\"qty\":2,\"price\":0.10}],\"note\":\"coupon SPRING\"}");
    RecordedRequest cart = products.take();
    assertThat(cart.getMethod()).isEqualTo("PUT");
    assertThat(cart.getBody().string(StandardCharsets.UTF_8))
        .isEqualTo("{\"lines\":[{\"sku\":\"a-1\",\"qty\":2,\"price\":0.10}]}");
  }

  @Test
  void aClientBodyThatIsNotJsonIsABadRequestAndNoLegIsCalled() throws Exception {
    gateway(
        Aggregation.builder()
            .call("cart", c -> c.put("products", "/carts/1").forwardBody())
            .build());
    Request request =
        get("/api/home/1").newBuilder().method("POST").body(Body.of("not json")).build();

    try (Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(json(response).path("detail").asText())
          .isEqualTo("the request body is not valid JSON");
    }
    assertThat(products.requestCount()).isZero();
  }

  @Test
  void aMissingClientInputIsABadRequestNamingTheReference() throws Exception {
    gateway(
        Aggregation.builder()
            .call("search", c -> c.get("products", "/search?q={query.q}"))
            .build());

    try (Response response = gateway.handle(get("/api/home/1"))) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.header("X-Aggregate-Failed")).isEqualTo("search");
      assertThat(json(response).path("detail").asText())
          .isEqualTo("required leg 'search' failed: the request has no value for {query.q}");
    }
    assertThat(products.requestCount()).isZero();
  }
}
