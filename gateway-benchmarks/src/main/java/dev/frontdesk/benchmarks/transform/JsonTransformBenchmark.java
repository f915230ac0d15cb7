package dev.frontdesk.benchmarks.transform;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.CallOptions;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Route;
import dev.frontdesk.gateway.transform.JsonTransform;
import dev.frontdesk.gateway.transform.ResponseTransform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a {@link ResponseTransform} adds to a 10 KB JSON response (issue 14: under 50 µs of CPU):
 * the middleware over an answer made in memory, so no network is measured. Steps: two removes, a
 * rename, a set and a move. Baseline: reading the same 10 KB as opaque bytes, which a proxy must do
 * anyway.
 *
 * <pre>
 * java -jar gateway-benchmarks/target/benchmarks.jar JsonTransform -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonTransformBenchmark {
  private byte[] json;
  private ResponseTransform transform;
  private Request request;
  private Chain chain;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    json = tenKilobytes().getBytes(StandardCharsets.UTF_8);
    transform =
        ResponseTransform.builder("bench")
            .json(
                JsonTransform.builder()
                    .remove("/internal")
                    .remove("/items/0/debug")
                    .rename("/user_name", "userName")
                    .set("/source", "gateway")
                    .move("/address/city", "/city")
                    .build())
            .build();
    request = Request.of("GET", "/users/7");
    chain = new Chain();
    try (Response check = transform.intercept(chain)) {
      String out = check.body().string();
      if (!out.contains("\"userName\"")
          || out.contains("\"internal\"")
          || !out.contains("\"city\"")) {
        throw new IllegalStateException("the transform did not run: " + out);
      }
    }
  }

  @Benchmark
  public byte[] transform10kJson() throws IOException {
    try (Response response = transform.intercept(chain)) {
      return response.body().bytes(1 << 20);
    }
  }

  @Benchmark
  public byte[] baselineCopyBytes() throws IOException {
    return Body.of(json).bytes(1 << 20);
  }

  /** A chain whose next link answers the 10 KB JSON at once, as a streamed body. */
  private final class Chain implements Middleware.Chain {
    @Override
    public Request request() {
      return request;
    }

    @Override
    public Route route() {
      throw new UnsupportedOperationException("no route in this benchmark");
    }

    @Override
    public Response proceed(Request r) {
      return Response.builder()
          .status(200)
          .header("Content-Type", "application/json")
          .body(Body.of(new java.io.ByteArrayInputStream(json), json.length))
          .build();
    }

    @Override
    public CallOptions callOptions() {
      return CallOptions.none();
    }

    @Override
    public Middleware.Chain withCallOptions(CallOptions options) {
      return this;
    }
  }

  private static String tenKilobytes() {
    StringBuilder sb =
        new StringBuilder("{\"id\":12345678901234567890,\"user_name\":\"ann\",")
            .append(
                "\"internal\":{\"shard\":7,\"trace\":\"abc\"},\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},")
            .append("\"items\":[");
    for (int i = 0; sb.length() < 10_000; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(100_000 + i)
          .append("\",\"title\":\"an item with a moderately long title\",\"price\":")
          .append(i)
          .append(".10,")
          .append("\"qty\":")
          .append(i % 7)
          .append(",\"debug\":false}");
    }
    return sb.append("]}").toString();
  }
}
