package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Middleware and targets that check themselves at build() and call out through the gateway's
 * client.
 */
class GatewayComponentTest {
  /** Middleware that needs a route of a given id, and keeps the client it is handed. */
  private static final class NeedsRoute implements Middleware, GatewayComponent {
    private final String routeId;
    final List<GatewayContext> checks = new ArrayList<>();
    @Nullable OutboundClient client;

    NeedsRoute(String routeId) {
      this.routeId = routeId;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      return chain.proceed(chain.request());
    }

    @Override
    public void check(GatewayContext gateway) {
      checks.add(gateway);
      if (!gateway.routeIds().contains(routeId)) {
        gateway.problem(
            "needsRoute: route '"
                + routeId
                + "' is not declared (routes: "
                + gateway.routeIds()
                + ")");
      }
    }

    @Override
    public void gatewayBuilt(OutboundClient client) {
      this.client = client;
    }
  }

  @Test
  void aComponentsProblemsLandInTheBuildersListBesideItsOwn() {
    NeedsRoute needsLogin = new NeedsRoute("login");
    Middleware broken = new BrokenCheck();

    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .use(needsLogin, broken)
                    .route("home", r -> r.get("/").use(needsLogin).respond(200))
                    .route("orders", r -> r.get("/orders").proxyToUpstream("orders"))
                    .build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "route 'orders' refers to unknown upstream 'orders' (declared: [])",
                        "needsRoute: route 'login' is not declared (routes: [home, orders])",
                        "brokenCheck: cannot work here"));
    assertThat(needsLogin.checks)
        .as("checked once, though used globally and on a route")
        .hasSize(1);
    assertThat(needsLogin.client).as("a failed build hands out no client").isNull();
  }

  @Test
  void theContextShowsRouteIdsAndUpstreamNames() throws IOException {
    NeedsRoute needsHome = new NeedsRoute("home");
    try (Gateway gateway =
        Gateway.builder()
            .upstream(Upstream.of("users", "http://127.0.0.1:9"))
            .route("home", r -> r.get("/").use(needsHome).respond(200))
            .build()) {
      assertThat(needsHome.checks)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.routeIds()).containsExactly("home");
                assertThat(c.upstreamNames()).containsExactly("users");
              });
      try (Response response = gateway.handle(Request.of("GET", "/"))) {
        assertThat(response.status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aBuiltComponentCallsOutThroughTheGatewaysClient() throws IOException, InterruptedException {
    NeedsRoute component = new NeedsRoute("home");
    try (MockWebServer idp = TestUpstreams.started();
        Gateway gateway =
            Gateway.builder().use(component).route("home", r -> r.get("/").respond(200)).build()) {
      idp.enqueue(text(200, "{\"keys\":[]}"));
      OutboundClient client = component.client;
      assertThat(client).isNotNull();
      try (Response response =
          client.send(
              "POST",
              baseUrl(idp) + "/introspect?x=1",
              Headers.of("Accept", "application/json"),
              Body.of("token=abc"),
              Duration.ofSeconds(5))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("{\"keys\":[]}");
      }
      RecordedRequest seen = take(idp);
      assertThat(seen.getMethod()).isEqualTo("POST");
      assertThat(seen.getTarget()).isEqualTo("/introspect?x=1");
      assertThat(seen.getHeaders().get("Accept")).isEqualTo("application/json");
      assertThat(seen.getBody().utf8()).isEqualTo("token=abc");
      assertThat(gateway.routes()).extracting(Route::id).containsExactly("home");
    }
  }

  @Test
  void withAUserClientTheComponentsCallsGoThroughIt() throws IOException, InterruptedException {
    List<String> seenByInterceptor = new CopyOnWriteArrayList<>();
    OkHttpClient mine =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seenByInterceptor.add(chain.request().url().encodedPath());
                  return chain.proceed(chain.request());
                })
            .build();
    NeedsRoute component = new NeedsRoute("home");
    try (MockWebServer idp = TestUpstreams.started();
        Gateway gateway =
            Gateway.builder()
                .httpClient(mine)
                .use(component)
                .route("home", r -> r.get("/").respond(200))
                .build()) {
      idp.enqueue(text(200, "ok"));
      try (Response response =
          component.client.send(
              "GET",
              baseUrl(idp) + "/jwks.json",
              Headers.empty(),
              Body.empty(),
              Duration.ofSeconds(5))) {
        assertThat(response.status()).isEqualTo(200);
      }
      assertThat(take(idp).getTarget()).isEqualTo("/jwks.json");
      assertThat(seenByInterceptor).containsExactly("/jwks.json");
      assertThat(gateway.routes()).extracting(Route::id).containsExactly("home");
    }
  }

  /** A component whose check fails: the builder reports it under the component's name. */
  private static final class BrokenCheck implements Middleware, GatewayComponent {
    @Override
    public Response intercept(Chain chain) throws IOException {
      return chain.proceed(chain.request());
    }

    @Override
    public void check(GatewayContext gateway) {
      throw new IllegalStateException("cannot work here");
    }

    @Override
    public String toString() {
      return "brokenCheck";
    }
  }
}
