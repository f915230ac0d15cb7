package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The secure defaults at the edge, in process: client-IP fields, Via, underscores, redirects. */
class EdgeDefaultsTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private Headers forward(Gateway gateway, Request request) throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (gateway;
        Response response = gateway.handle(request)) {
      assertThat(response.body().string()).isEqualTo("ok");
    }
    return take(upstream).getHeaders();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "X-Real-IP",
        "True-Client-IP",
        "X-Client-IP",
        "X-Cluster-Client-IP",
        "CF-Connecting-IP",
        "Fastly-Client-IP",
        "x-real-ip"
      })
  void clientAddressFieldsFromAnUntrustedClientNeverReachTheUpstream(String name)
      throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("198.51.100.4")
            .header(name, "6.6.6.6")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> b.trustedProxies("10.0.0.0/8")), request);

    assertThat(seen.get(name)).isNull();
    assertThat(seen.get("X-Forwarded-For")).isEqualTo("198.51.100.4");
  }

  @Test
  void clientAddressFieldsFromATrustedProxyPass() throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("10.0.0.2")
            .header("CF-Connecting-IP", "203.0.113.9")
            .header("X-Real-IP", "203.0.113.9")
            .build();

    Headers seen = forward(proxyAll(upstream, b -> b.trustedProxies("10.0.0.0/8")), request);

    assertThat(seen.get("CF-Connecting-IP")).isEqualTo("203.0.113.9");
    assertThat(seen.get("X-Real-IP")).isEqualTo("203.0.113.9");
  }

  @Test
  void middlewareNeverSeesClientSentAddressFieldsButMaySetItsOwn() throws IOException {
    AtomicReference<String> seenByMiddleware = new AtomicReference<>("unset");
    Request request = Request.builder().target("/x").header("True-Client-IP", "6.6.6.6").build();

    Headers seen =
        forward(
            proxyAll(
                upstream,
                b ->
                    b.use(
                        Middlewares.before(
                            req -> {
                              seenByMiddleware.set(String.valueOf(req.header("True-Client-IP")));
                              return req;
                            }),
                        Middlewares.setRequestHeader("True-Client-IP", "set-by-us"))),
            request);

    assertThat(seenByMiddleware.get()).isEqualTo("null");
    assertThat(seen.get("True-Client-IP")).isEqualTo("set-by-us");
  }

  @Test
  void realIpHeaderSetsTheClientAddressTheGatewayDetermined() throws IOException {
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("10.0.0.2")
            .header("X-Forwarded-For", "203.0.113.9")
            .header("X-Real-IP", "10.0.0.99")
            .build();

    Headers seen =
        forward(
            proxyAll(upstream, b -> b.trustedProxies("10.0.0.0/8").realIpHeader(true)), request);

    assertThat(seen.values("X-Real-IP")).containsExactly("203.0.113.9");
  }

  @Test
  void viaIsAddedToTheForwardedRequestAndAppendedToAnExistingOne() throws IOException {
    assertThat(forward(proxyAll(upstream, b -> {}), Request.of("GET", "/x")).values("Via"))
        .containsExactly("1.1 frontdesk");
    Request viaProxy =
        Request.builder().protocol("HTTP/2.0").target("/x").header("Via", "1.1 cdn").build();
    assertThat(forward(proxyAll(upstream, b -> b.via("edge-eu1")), viaProxy).values("Via"))
        .containsExactly("1.1 cdn, 2 edge-eu1");
  }

  @Test
  void viaIsAppendedToTheUpstreamsResponse() throws IOException {
    upstream.enqueue(new MockResponse.Builder().addHeader("Via", "1.1 varnish").body("ok").build());
    try (Gateway gateway = proxyAll(upstream, b -> {});
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      assertThat(response.headers().values("Via")).containsExactly("1.1 varnish, 1.1 frontdesk");
    }
  }

  @Test
  void noViaLeavesBothDirectionsAsTheyWere() throws IOException {
    upstream.enqueue(new MockResponse.Builder().body("ok").build());
    try (Gateway gateway = proxyAll(upstream, Gateway.Builder::noVia);
        Response response =
            gateway.handle(Request.builder().target("/x").header("Via", "1.1 cdn").build())) {
      assertThat(response.header("Via")).isNull();
    }
    assertThat(take(upstream).getHeaders().values("Via")).containsExactly("1.1 cdn");
  }

  @Test
  void theGatewaysOwnAnswersCarryNoVia() {
    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      assertThat(gateway.handle(Request.of("GET", "/%2e%2e/x")).header("Via")).isNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "front desk", "frontdesk/1.0", "a,b"})
  void aViaPseudonymMustBeAToken(String pseudonym) {
    assertThatThrownBy(() -> Gateway.builder().via(pseudonym).build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "via pseudonym must be a token (letters, digits and !#$%&'*+-.^_`|~): '"
                            + pseudonym
                            + "'"));
  }

  @Test
  void headerNamesWithUnderscoresAreDroppedBeforeAnyMiddleware() throws IOException {
    AtomicReference<String> seenByMiddleware = new AtomicReference<>("unset");
    Request request =
        Request.builder()
            .target("/x")
            .header("X_User_Id", "admin")
            .header("X-Kept", "yes")
            .header("x_forwarded_for", "1.2.3.4")
            .build();

    Headers seen =
        forward(
            proxyAll(
                upstream,
                b ->
                    b.use(
                        Middlewares.before(
                            req -> {
                              seenByMiddleware.set(String.valueOf(req.header("X_User_Id")));
                              return req;
                            }))),
            request);

    assertThat(seenByMiddleware.get()).isEqualTo("null");
    assertThat(seen.get("X_User_Id")).isNull();
    assertThat(seen.get("x_forwarded_for")).isNull();
    assertThat(seen.get("X-Kept")).isEqualTo("yes");
  }

  @Test
  void allowUnderscoresInHeadersLetsThemThrough() throws IOException {
    Request request = Request.builder().target("/x").header("X_Legacy_Token", "t").build();

    Headers seen = forward(proxyAll(upstream, b -> b.allowUnderscoresInHeaders(true)), request);

    assertThat(seen.get("X_Legacy_Token")).isEqualTo("t");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "UPSTREAM/users/8,                      https://api.example.com/api/users/8",
    "UPSTREAM,                              https://api.example.com/api",
    "UPSTREAM/login?next=%2Fusers,          https://api.example.com/api/login?next=%2Fusers",
    "/users/8,                              /users/8",
    "https://elsewhere.example/x,           https://elsewhere.example/x",
  })
  void anUpstreamsRedirectToItselfIsRewrittenToTheClientsAddressWithThePrefixRestored(
      String location, String expected) throws IOException {
    String own = TestUpstreams.baseUrl(upstream);
    upstream.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", location.replace("UPSTREAM", own))
            .addHeader("Content-Location", location.replace("UPSTREAM", own))
            .build());
    Request request =
        Request.builder()
            .scheme("https")
            .host("api.example.com")
            .target("/api/users/7")
            .header("Host", "api.example.com")
            .build();

    try (Gateway gateway =
            Gateway.builder()
                .route("users", r -> r.path("/api/**").use(Middlewares.stripPrefix(1)).proxyTo(own))
                .build();
        Response response = gateway.handle(request)) {
      assertThat(response.status()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo(expected);
      assertThat(response.header("Content-Location")).isEqualTo(expected);
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/users/7");
  }

  @Test
  void aBasePathAndARewrittenPathAreUndoneToo() throws IOException {
    String own = TestUpstreams.baseUrl(upstream);
    upstream.enqueue(
        new MockResponse.Builder()
            .code(303)
            .addHeader("Location", own + "/v2/next/orders/9")
            .build());
    Request request =
        Request.builder()
            .host("gw.example")
            .port(8080)
            .target("/shop/orders/8")
            .header("Host", "gw.example:8080")
            .build();

    try (Gateway gateway =
            Gateway.builder()
                .route(
                    "orders",
                    r ->
                        r.path("/shop/**")
                            .use(Middlewares.rewritePath("^/shop/(.*)", "/next/$1"))
                            .proxyTo(own + "/v2"))
                .build();
        Response response = gateway.handle(request)) {
      assertThat(response.header("Location")).isEqualTo("http://gw.example:8080/shop/orders/9");
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/v2/next/orders/8");
  }

  @Test
  void behindATrustedProxyTheRedirectUsesTheSchemeAndHostTheClientUsed() throws IOException {
    String own = TestUpstreams.baseUrl(upstream);
    upstream.enqueue(
        new MockResponse.Builder().code(301).addHeader("Location", own + "/x/").build());
    Request request =
        Request.builder()
            .target("/x")
            .remoteAddress("10.0.0.2")
            .header("Host", "internal:8080")
            .header("X-Forwarded-Proto", "https")
            .header("X-Forwarded-Host", "shop.example.com")
            .build();

    try (Gateway gateway = proxyAll(own, b -> b.trustedProxies("10.0.0.0/8"));
        Response response = gateway.handle(request)) {
      assertThat(response.header("Location")).isEqualTo("https://shop.example.com/x/");
    }
  }

  @Test
  void rewriteRedirectsCanBeTurnedOffPerRoute() throws IOException {
    String own = TestUpstreams.baseUrl(upstream);
    upstream.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", own + "/users/8").build());

    try (Gateway gateway =
            Gateway.builder()
                .route(
                    "users",
                    r ->
                        r.path("/api/**")
                            .use(Middlewares.stripPrefix(1))
                            .rewriteRedirects(false)
                            .proxyTo(own))
                .build();
        Response response = gateway.handle(Request.of("GET", "/api/users/7"))) {
      assertThat(response.header("Location")).isEqualTo(own + "/users/8");
    }
  }
}
