package dev.frontdesk.benchmarks.aggregation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.aggregation.Aggregation;
import dev.frontdesk.gateway.aggregation.CollisionPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What composing costs on top of the upstream calls: three legs whose answers add up to about 100
 * KB, answered in memory (no network), parsed, nested or shaped and merged, and written as one
 * response. Baselines: reading the same 100 KB as opaque bytes (what a plain proxy must at least
 * do) and one Jackson parse-and-write of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompositionBenchmark {
  /** "shared": legs on the default pool (thread hand-offs included); "direct": on the caller. */
  @Param({"shared", "direct"})
  public String executor;

  private byte[] profile;
  private byte[] orders;
  private byte[] products;
  private byte[] combined;
  private Handler nested;
  private Handler shaped;
  private Request request;
  private final ObjectMapper mapper = new ObjectMapper();

  @Setup(Level.Trial)
  public void setUp() {
    profile = userObject(300).getBytes(StandardCharsets.UTF_8);
    orders = array(400, "order").getBytes(StandardCharsets.UTF_8);
    products = array(400, "product").getBytes(StandardCharsets.UTF_8);
    combined =
        ("{\"profile\":"
                + new String(profile, StandardCharsets.UTF_8)
                + ",\"orders\":"
                + new String(orders, StandardCharsets.UTF_8)
                + ",\"products\":"
                + new String(products, StandardCharsets.UTF_8)
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    Aggregation.Builder nestedBuilder = legs(Aggregation.builder());
    Aggregation.Builder shapedBuilder =
        Aggregation.builder()
            .call(
                "profile", c -> c.get("users", "/users/{identity.sub}").merge().exclude("f0", "f1"))
            .call("orders", c -> c.get("orders", "/orders?user={identity.sub}").as("recentOrders"))
            .call("products", c -> c.get("products", "/recommendations?segment={profile:/segment}"))
            .onCollision(CollisionPolicy.FIRST_WINS);
    if (executor.equals("direct")) {
      Executor direct = Runnable::run;
      nestedBuilder.executor(direct);
      shapedBuilder.executor(direct);
    }
    nested = nestedBuilder.build().create(name -> this::answer);
    shaped = shapedBuilder.build().create(name -> this::answer);
    request =
        Request.builder()
            .target("/api/home")
            .attribute(Attributes.IDENTITY, Identity.builder("alice").build())
            .build();
  }

  private static Aggregation.Builder legs(Aggregation.Builder b) {
    return b.call("profile", c -> c.get("users", "/users/{identity.sub}"))
        .call("orders", c -> c.get("orders", "/orders?user={identity.sub}"))
        .call("products", c -> c.get("products", "/recommendations?segment={profile:/segment}"));
  }

  private Response answer(Request leg) {
    byte[] body =
        leg.path().startsWith("/users")
            ? profile
            : leg.path().startsWith("/orders") ? orders : products;
    return Response.builder()
        .status(200)
        .header("Content-Type", "application/json")
        .body(Body.of(body))
        .build();
  }

  @Benchmark
  public byte[] aggregateNested() throws IOException {
    try (Response response = nested.handle(request)) {
      return response.body().bytes(1 << 20);
    }
  }

  @Benchmark
  public byte[] aggregateShapedAndMerged() throws IOException {
    try (Response response = shaped.handle(request)) {
      return response.body().bytes(1 << 20);
    }
  }

  @Benchmark
  public byte[] baselineCopyBytes() throws IOException {
    return Body.of(combined).bytes(1 << 20);
  }

  @Benchmark
  public byte[] baselineJacksonParseAndWrite() throws IOException {
    JsonNode tree = mapper.readTree(combined);
    return mapper.writeValueAsBytes(tree);
  }

  private static String userObject(int fields) {
    StringBuilder sb = new StringBuilder("{\"id\":12345678901234567890,\"segment\":\"gold\"");
    for (int i = 0; i < fields; i++) {
      sb.append(",\"f")
          .append(i)
          .append("\":\"value number ")
          .append(i)
          .append(" of the profile\"");
    }
    return sb.append('}').toString();
  }

  private static String array(int n, String kind) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(9007199254740993L + i)
          .append(",\"kind\":\"")
          .append(kind)
          .append("\",\"price\":")
          .append(i)
          .append(".10")
          .append(",\"title\":\"a ")
          .append(kind)
          .append(" with a moderately long title\",\"qty\":")
          .append(i % 7)
          .append('}');
    }
    return sb.append(']').toString();
  }
}
