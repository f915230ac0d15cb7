package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MiddlewareChainTest {
  private final List<String> trace = new CopyOnWriteArrayList<>();

  private Middleware tracing(String name) {
    return Middlewares.named(
        name,
        chain -> {
          trace.add(name + ">");
          Response response = chain.proceed(chain.request());
          trace.add("<" + name);
          return response;
        });
  }

  @Test
  void globalThenGroupsThenRouteAndWithinEachTheFirstAddedRunsOutermost() {
    Gateway gateway =
        Gateway.builder()
            .use(tracing("g1"), tracing("g2"))
            .group(
                "/api",
                api ->
                    api.use(tracing("api1"))
                        .use(tracing("api2"))
                        .group(
                            "/v1",
                            v1 ->
                                v1.use(tracing("v1"))
                                    .route(
                                        "users",
                                        r ->
                                            r.get("/users")
                                                .use(tracing("r1"), tracing("r2"))
                                                .respond(200))))
            .build();

    assertThat(gateway.handle(Request.of("GET", "/api/v1/users")).status()).isEqualTo(200);

    assertThat(trace)
        .containsExactly(
            "g1>", "g2>", "api1>", "api2>", "v1>", "r1>", "r2>", "<r2", "<r1", "<v1", "<api2",
            "<api1", "<g2", "<g1");
    assertThat(gateway.routes().get(0).middleware())
        .extracting(Object::toString)
        .containsExactly("g1", "g2", "api1", "api2", "v1", "r1", "r2");
  }

  @Test
  void globalMiddlewareAddedAfterARouteStillRunsForIt() {
    Gateway gateway =
        Gateway.builder()
            .route("early", r -> r.get("/early").respond(200))
            .group("/g", g -> g.route("grouped", r -> r.get("/x").respond(200)))
            .use(tracing("late-global"))
            .build();

    gateway.handle(Request.of("GET", "/early"));
    gateway.handle(Request.of("GET", "/g/x"));

    assertThat(trace)
        .containsExactly("late-global>", "<late-global", "late-global>", "<late-global");
  }

  @Test
  void groupMiddlewareAppliesOnlyToItsOwnRoutes() {
    Gateway gateway =
        Gateway.builder()
            .group(
                "/admin",
                g -> g.use(tracing("admin")).route("stats", r -> r.get("/stats").respond(200)))
            .route("public", r -> r.get("/public").respond(200))
            .build();

    gateway.handle(Request.of("GET", "/public"));
    assertThat(trace).isEmpty();
    gateway.handle(Request.of("GET", "/admin/stats"));
    assertThat(trace).containsExactly("admin>", "<admin");
  }

  @Test
  void middlewareCanAnswerWithoutProceedingAndSeesTheMatchedRoute() {
    Gateway gateway =
        Gateway.builder()
            .use(
                chain ->
                    Response.builder().status(418).header("X-Route", chain.route().id()).build())
            .route("teapot", r -> r.get("/x").use(tracing("never")).respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/x"));

    assertThat(response.status()).isEqualTo(418);
    assertThat(response.header("X-Route")).isEqualTo("teapot");
    assertThat(trace).isEmpty();
  }

  @Test
  void aGatewayExceptionFromMiddlewareBecomesAProblemWithItsHeaders() {
    Gateway gateway =
        Gateway.builder()
            .use(
                chain -> {
                  throw new GatewayException(
                      429, "Too Many Requests", "slow down", Headers.of("Retry-After", "3"), null);
                })
            .route("x", r -> r.get("/x").respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/x"));

    assertThat(problem(response, 429).path("detail").asText()).isEqualTo("slow down");
    assertThat(response.header("Retry-After")).isEqualTo("3");
  }

  @Test
  void middlewareThatProceedsTwiceIsNamedAndTheClientGets500() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Gateway gateway =
        Gateway.builder()
            .use(capturing(failure))
            .route(
                "twice",
                r ->
                    r.get("/x")
                        .use(
                            Middlewares.named(
                                "greedy",
                                chain -> {
                                  chain.proceed(chain.request()).close();
                                  return chain.proceed(chain.request());
                                }))
                        .respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/x"));

    assertThat(problem(response, 500).path("detail").asText())
        .isEqualTo("the gateway failed to handle the request");
    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("middleware #2 (greedy) of route 'twice' must call proceed() at most once");
  }

  @Test
  void middlewareThatReturnsNullIsNamedAndTheClientGets500() {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Gateway gateway =
        Gateway.builder()
            .use(capturing(failure))
            .route(
                "null",
                r -> r.get("/x").use(Middlewares.named("forgetful", chain -> null)).respond(200))
            .build();

    Response response = gateway.handle(Request.of("GET", "/x"));

    problem(response, 500);
    assertThat(failure.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("middleware #2 (forgetful) of route 'null' returned null");
  }

  /** Outermost middleware that records what the inner chain threw, then lets it go on. */
  private static Middleware capturing(AtomicReference<Throwable> failure) {
    return Middlewares.named(
        "capturing",
        chain -> {
          try {
            return chain.proceed(chain.request());
          } catch (RuntimeException e) {
            failure.set(e);
            throw e;
          }
        });
  }
}
