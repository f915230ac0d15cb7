package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.internal.CompiledRoute;
import dev.frontdesk.gateway.internal.Forwarding;
import dev.frontdesk.gateway.internal.HostPattern;
import dev.frontdesk.gateway.internal.PathPattern;
import dev.frontdesk.gateway.internal.RouteIndex;
import dev.frontdesk.gateway.internal.TrustedProxies;
import dev.frontdesk.gateway.internal.http.Http1Transport;
import dev.frontdesk.gateway.internal.upstream.UpstreamRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Answers the gateway makes itself (401, 429, 502, 404, 405) come back through the middleware like
 * any other response, so response middleware such as a global {@code X-Served-By} sees them all.
 */
class GatewayAnswersThroughMiddlewareTest {
  private static final Middleware SERVED_BY =
      Middlewares.setResponseHeader("X-Served-By", "frontdesk");

  private final List<Integer> seen = new CopyOnWriteArrayList<>();

  /** Records the status of every response that comes back through it. */
  private Middleware observer() {
    return Middlewares.named(
        "observer",
        chain -> {
          Response response = chain.proceed(chain.request());
          seen.add(response.status());
          return response;
        });
  }

  private static Middleware throwing(GatewayException e) {
    return Middlewares.named(
        "throwing",
        chain -> {
          throw e;
        });
  }

  @Test
  void a401FromMiddlewarePassesBackThroughGlobalMiddleware() {
    Gateway gateway =
        Gateway.builder()
            .use(SERVED_BY)
            .route(
                "private",
                r ->
                    r.get("/private")
                        .use(throwing(GatewayException.unauthorized("sign in")))
                        .respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/private"));

    assertThat(problem(response, 401).path("title").asText()).isEqualTo("Unauthorized");
    assertThat(response.header("X-Served-By")).isEqualTo("frontdesk");
  }

  @Test
  void a429KeepsItsHeadersAndGetsTheGlobalOnes() {
    GatewayException limited =
        GatewayException.tooManyRequests("slow down").withHeaders(Headers.of("Retry-After", "3"));
    Gateway gateway =
        Gateway.builder()
            .use(SERVED_BY)
            .route("busy", r -> r.get("/busy").use(throwing(limited)).respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/busy"));

    assertThat(problem(response, 429).path("title").asText()).isEqualTo("Too Many Requests");
    assertThat(response.header("Retry-After")).isEqualTo("3");
    assertThat(response.header("X-Served-By")).isEqualTo("frontdesk");
  }

  @Test
  void a502FromAnUnreachableUpstreamPassesBackThroughGlobalMiddleware() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (Gateway gateway =
        Gateway.builder()
            .use(SERVED_BY)
            .route("dead", r -> r.path("/**").proxyTo("http://127.0.0.1:" + closedPort))
            .build()) {
      Response response = gateway.handle(Request.of("GET", "/x"));

      problem(response, 502);
      assertThat(response.header("X-Served-By")).isEqualTo("frontdesk");
    }
  }

  @Test
  void aRouteMiddlewareOutsideAuthSeesThe401AsAResponse() {
    Gateway gateway =
        Gateway.builder()
            .route(
                "private",
                r ->
                    r.get("/private")
                        .use(observer(), throwing(GatewayException.unauthorized("sign in")))
                        .respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/private"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(seen).containsExactly(401);
  }

  @Test
  void anIOExceptionFromMiddlewareIsMappedOnceAndSeenAsAResponse() {
    Gateway gateway =
        Gateway.builder()
            .route(
                "slow",
                r ->
                    r.get("/slow")
                        .use(
                            observer(),
                            Middlewares.named(
                                "timingOut",
                                chain -> {
                                  throw new SocketTimeoutException("read timed out");
                                }))
                        .respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/slow"));

    assertThat(problem(response, 504).path("detail").asText())
        .isEqualTo("the upstream did not answer in time");
    assertThat(seen).containsExactly(504);
  }

  @Test
  void aProblemFromInsideTheChainCarriesTheRequestIdAndTheClientsPath() {
    Gateway gateway =
        Gateway.builder()
            .route(
                "private",
                r ->
                    r.get("/api/private")
                        .use(Middlewares.stripPrefix(1), throwing(GatewayException.forbidden("no")))
                        .respond(200))
            .build();

    Response response =
        gateway.handle(
            Request.builder()
                .method("GET")
                .path("/api/private")
                .header("X-Request-Id", "ignored-from-an-untrusted-client")
                .build());

    JsonNode problem = problem(response, 403);
    assertThat(problem.path("instance").asText()).isEqualTo("/api/private");
    assertThat(problem.path("requestId").asText()).isEqualTo(response.requestId());
    assertThat(response.header("X-Request-Id")).isEqualTo(response.requestId());
  }

  @Test
  void everyResponseCarriesTheRequestId() {
    Gateway gateway = Gateway.builder().route("ok", r -> r.get("/ok").respond(200)).build();

    Response ok = gateway.handle(Request.of("GET", "/ok"));
    Response notFound = gateway.handle(Request.of("GET", "/missing"));
    Response ambiguous = gateway.handle(Request.of("GET", "/a/%2e%2e/ok"));

    assertThat(ok.requestId()).isNotBlank();
    assertThat(notFound.requestId())
        .isEqualTo(notFound.header("X-Request-Id"))
        .isNotEqualTo(ok.requestId());
    assertThat(ambiguous.status()).isEqualTo(400);
    assertThat(ambiguous.requestId()).isEqualTo(ambiguous.header("X-Request-Id")).isNotBlank();
    assertThat(ok.newBuilder().status(201).build().requestId()).isEqualTo(ok.requestId());
  }

  @Test
  void globalMiddlewareSeesTheNoRoute404() {
    Gateway gateway = withGlobal(List.of(SERVED_BY, observer()));

    Response response = gateway.handle(Request.of("GET", "/nothing/here"));

    assertThat(problem(response, 404).path("detail").asText())
        .isEqualTo("no route matches GET /nothing/here");
    assertThat(response.header("X-Served-By")).isEqualTo("frontdesk");
    assertThat(seen).containsExactly(404);
  }

  @Test
  void globalMiddlewareSeesThe405WithItsAllowHeader() {
    Gateway gateway = withGlobal(List.of(SERVED_BY), getOnly("/x"));

    Response response = gateway.handle(Request.of("DELETE", "/x"));

    problem(response, 405);
    assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(response.header("X-Served-By")).isEqualTo("frontdesk");
    assertThat(
            gateway.handleIfMatched(Request.of("DELETE", "/x")).orElseThrow().header("X-Served-By"))
        .isEqualTo("frontdesk");
  }

  @Test
  void handleIfMatchedLeavesAnUnmatchedRequestToTheHostWithoutRunningMiddleware() {
    Gateway gateway = withGlobal(List.of(observer()));

    assertThat(gateway.handleIfMatched(Request.of("GET", "/nothing"))).isEmpty();
    assertThat(seen).isEmpty();
  }

  @Test
  void globalMiddlewareSeesTheStandInRouteWhenNoRouteMatches() {
    List<String> routeIds = new CopyOnWriteArrayList<>();
    Gateway gateway =
        withGlobal(
            List.of(
                chain -> {
                  routeIds.add(chain.route().id());
                  return chain.proceed(chain.request());
                }));

    assertThat(gateway.handle(Request.of("GET", "/nothing")).status()).isEqualTo(404);
    assertThat(routeIds).containsExactly("");
  }

  @Test
  void globalMiddlewareFromTheBuilderSeesTheNoRoute404() {
    Gateway gateway =
        Gateway.builder().use(SERVED_BY).route("x", r -> r.get("/x").respond(200)).build();

    Response response = gateway.handle(Request.of("GET", "/nothing"));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("X-Served-By")).isEqualTo("frontdesk");
  }

  /** A gateway built around global middleware by hand, for routes the builder would not make. */
  private static Gateway withGlobal(List<Middleware> global, CompiledRoute... routes) {
    return new Gateway(
        RouteIndex.build(List.of(routes)),
        Forwarding.defaults(TrustedProxies.none()),
        new UpstreamRuntime(new Http1Transport(0, java.time.Duration.ofSeconds(1))),
        global,
        dev.frontdesk.gateway.internal.Listeners.NONE,
        dev.frontdesk.gateway.internal.TimeSource.SYSTEM,
        Gateway.builder());
  }

  private static CompiledRoute getOnly(String path) {
    Route route = new Route("get-only", path, null, Set.of("GET"), List.of(), List.of());
    return new CompiledRoute(
        route,
        PathPattern.compile(path),
        HostPattern.ANY_HOST,
        Set.of("GET"),
        List.of(),
        0,
        List.of(),
        request -> Response.of(200));
  }
}
