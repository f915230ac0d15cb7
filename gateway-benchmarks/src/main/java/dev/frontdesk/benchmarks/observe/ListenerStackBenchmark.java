package dev.frontdesk.benchmarks.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.frontdesk.gateway.AccessLog;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.ExchangeListener;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.UpstreamAttempt;
import dev.frontdesk.gateway.internal.Listeners;
import dev.frontdesk.gateway.micrometer.GatewayMetrics;
import dev.frontdesk.gateway.opentelemetry.GatewayTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * What the operations listeners (issue 10: access log, metrics, tracing) add to one proxied
 * request, in process: {@code gateway.handle} of a route whose target reports one upstream try to
 * the listeners exactly as the proxy does ({@code attemptStarted}, {@code attemptFinished}) and
 * answers a 200-byte JSON body as a stream, which is then read and closed ({@code finished}).
 * {@code none} is the same request with no listener: the difference is the stack's cost.
 *
 * <p>The sinks are the deployed ones minus their I/O: the JSON access log through Logback, encoded
 * ({@code %msg%n}) to a null stream; Micrometer into a Prometheus registry; the OpenTelemetry SDK
 * with a batch span processor and an exporter that drops the spans. Other benchmarks are not
 * affected: Logback's root logger stays at WARN.
 *
 * <pre>
 * java -jar gateway-benchmarks/target/benchmarks.jar ListenerStack -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ListenerStackBenchmark {
  static final byte[] BODY =
      ("{\"id\":12345,\"name\":\"benchmark-item\",\"status\":\"active\",\"tags\":[\"alpha\","
              + "\"beta\",\"gamma\"],\"price\":19.99,\"currency\":\"EUR\",\"stock\":42,\"updated\":\"2025-01-01T00:00:00Z\","
              + "\"description\":\"fixed small json body for gw bench\"}")
          .getBytes(StandardCharsets.UTF_8);
  private static final String UPSTREAM = "http://127.0.0.1:9001";

  @Param({"none", "access", "metrics", "tracing", "all"})
  public String listeners;

  private final byte[] buffer = new byte[16 * 1024];
  private Gateway gateway;
  private Request request;
  private SdkTracerProvider tracerProvider;

  /**
   * The headers the last try was sent with, kept so that the listeners' work on them is not dead
   * code.
   */
  Headers lastSent = Headers.empty();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Gateway.Builder builder =
        Gateway.builder().route("api", r -> r.path("/api/**").handleWith(this::upstream));
    boolean all = listeners.equals("all");
    if (all || listeners.equals("access")) {
      builder.listener(AccessLog.json());
      accessLogToNullStream();
    }
    if (all || listeners.equals("metrics")) {
      builder.listener(GatewayMetrics.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    }
    if (all || listeners.equals("tracing")) {
      tracerProvider =
          SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build())
              .build();
      builder.listener(
          GatewayTracing.of(
              OpenTelemetrySdk.builder()
                  .setTracerProvider(tracerProvider)
                  .setPropagators(
                      ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                  .build()));
    }
    gateway = builder.build();
    request =
        Request.builder()
            .method("GET")
            .host("127.0.0.1")
            .port(8090)
            .path("/api/small")
            .header("Host", "127.0.0.1:8090")
            .header("User-Agent", "wrk")
            .header("Accept", "*/*")
            .remoteAddress("127.0.0.1")
            .build();
    long read = proxiedRequest();
    if (read != BODY.length) {
      throw new IllegalStateException("read " + read + " bytes, expected " + BODY.length);
    }
    if (tracerProvider != null && lastSent.get("traceparent") == null) {
      throw new IllegalStateException("the upstream try was sent no traceparent: " + lastSent);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    gateway.close();
    if (tracerProvider != null) {
      tracerProvider.close();
    }
  }

  @Benchmark
  public long proxiedRequest() throws IOException {
    try (Response response = gateway.handle(request)) {
      return drain(response);
    }
  }

  /** The route's target: one upstream try as the proxy reports it, and a streamed answer. */
  private Response upstream(Request r) {
    ExchangeListener exchange = Listeners.exchange(r);
    if (exchange != ExchangeListener.NONE) { // as the proxy: no attempt object when nobody listens
      UpstreamAttempt attempt = new UpstreamAttempt(UPSTREAM, UPSTREAM, 1, r.method());
      lastSent = exchange.attemptStarted(attempt, r.headers());
      exchange.attemptFinished(attempt, 200, null, 250_000);
    }
    return Response.builder()
        .status(200)
        .header("Server", "nginx/1.26.3")
        .header("Date", "Mon, 30 Nov 2026 10:00:00 GMT")
        .header("Content-Type", "application/json")
        .body(Body.of(new ByteArrayInputStream(BODY), BODY.length))
        .build();
  }

  /** The access logger at INFO, its lines encoded as Logback would write them, into nothing. */
  private static void accessLogToNullStream() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    sink.setContext(context);
    sink.setName("null-sink");
    sink.setEncoder(encoder);
    sink.setOutputStream(OutputStream.nullOutputStream());
    sink.start();
    ch.qos.logback.classic.Logger access = context.getLogger(AccessLog.LOGGER);
    access.detachAndStopAllAppenders();
    access.setAdditive(false);
    access.setLevel(ch.qos.logback.classic.Level.INFO);
    access.addAppender(sink);
  }

  /** An exporter that drops what it is given: the cost of sending spans is the collector's. */
  private static final class Dropping implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /**
   * Reads the body to its end and closes it, as the servlet adapter does, into a buffer kept for
   * the whole run, so that only the gateway's allocations are counted ({@code
   * InputStream.transferTo} would add 8 KiB per call for a wrapped stream).
   */
  private long drain(Response response) throws IOException {
    long total = 0;
    try (InputStream in = response.body().stream()) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
      }
    }
    return total;
  }
}
