package dev.frontdesk.benchmarks.routing;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.internal.PathNormalizer;
import dev.frontdesk.gateway.internal.RouteIndex;
import dev.frontdesk.gateway.internal.RouteMatch;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What routing costs per request, with 10 and with 10,000 routes: the bar is that the
 * second costs about what the first does, because the route index never scans the route list.
 *
 * <p>{@code handle*} measure {@link Gateway#handle} end to end (path canonicalisation, request id,
 * index lookup, the routed request's attributes, the chain, a fixed 200 or a problem+json 404);
 * {@code index*} measure {@code RouteIndex.match} alone; {@code canonical*} measure {@code
 * PathNormalizer.canonical} alone. Every request is checked once in setup to hit the route it
 * claims to hit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class RouteMatchingBenchmark {

  /** A gateway with {@link #routes} routes and requests aimed at the middle of its table. */
  @State(Scope.Benchmark)
  public static class Routes {
    @Param({"10", "10000"})
    public int routes;

    Gateway gateway;
    RouteIndex index;
    Request header;
    Request variables;
    Request wildcardHost;
    Request notFound;

    @Setup(Level.Trial)
    public void build() throws ReflectiveOperationException, IOException {
      gateway = RouteTable.gateway(routes);
      index = indexOf(gateway);
      int withHeader = RouteTable.middle(routes, 3);
      int withVariable = RouteTable.middle(routes, 0);
      int wildcard = RouteTable.middle(routes, 4);
      header = RouteTable.sample("methodAndHeader", routes);
      variables = RouteTable.sample("pathVariable", routes);
      wildcardHost = RouteTable.sample("wildcardHost", routes);
      notFound = RouteTable.sample("noRoute404", routes);
      expect(header, "route-" + withHeader);
      expect(variables, "route-" + withVariable);
      expect(wildcardHost, "route-" + wildcard);
      expect(notFound, null);
    }

    @TearDown(Level.Trial)
    public void close() {
      gateway.close();
    }

    private void expect(Request request, @Nullable String routeId) throws IOException {
      RouteMatch match = index.match(request, PathNormalizer.canonical(request.path()));
      String matched = match == null ? null : match.route().route().id();
      int status;
      try (Response response = gateway.handle(request)) {
        status = response.status();
      }
      if (!java.util.Objects.equals(matched, routeId) || status != (routeId == null ? 404 : 200)) {
        throw new IllegalStateException(
            request + " matched " + matched + " with status " + status + ", expected " + routeId);
      }
    }

    /** The gateway's own index, so that index-only figures describe exactly what handle() uses. */
    private static RouteIndex indexOf(Gateway gateway) throws ReflectiveOperationException {
      Field field = Gateway.class.getDeclaredField("index");
      field.setAccessible(true);
      return (RouteIndex) field.get(gateway);
    }
  }

  /** Raw paths for the canonicalisation benchmarks: one plain, one with percent-escapes. */
  @State(Scope.Benchmark)
  public static class Paths {
    String plain = "/api/v1/service5000/items/12345";
    String escaped = "/api/v1/%73ervice5000/items/%7Ejane%20doe";
  }

  @Benchmark
  public Response handleMethodAndHeaderRoute(Routes s) {
    return s.gateway.handle(s.header);
  }

  @Benchmark
  public Response handlePathVariableRoute(Routes s) {
    return s.gateway.handle(s.variables);
  }

  @Benchmark
  public Response handleWildcardHostRoute(Routes s) {
    return s.gateway.handle(s.wildcardHost);
  }

  @Benchmark
  public Response handleNoRoute404(Routes s) {
    return s.gateway.handle(s.notFound);
  }

  @Benchmark
  public @Nullable RouteMatch indexPathVariableRoute(Routes s) {
    return s.index.match(s.variables, s.variables.path());
  }

  @Benchmark
  public @Nullable RouteMatch indexNoRoute(Routes s) {
    return s.index.match(s.notFound, s.notFound.path());
  }

  @Benchmark
  public String canonicalPlainPath(Paths p) {
    return PathNormalizer.canonical(p.plain);
  }

  @Benchmark
  public String canonicalEscapedPath(Paths p) {
    return PathNormalizer.canonical(p.escaped);
  }
}
