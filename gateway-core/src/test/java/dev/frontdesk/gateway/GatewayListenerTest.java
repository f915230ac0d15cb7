package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.BrokenUpstream;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link GatewayListener} is told, in which order, and that it can change nothing but
 * headers.
 */
class GatewayListenerTest {
  private final MockWebServer upstream = TestUpstreams.started();
  private final Recorder recorder = new Recorder();

  @AfterEach
  void stop() {
    upstream.close();
  }

  private Gateway proxy(GatewayListener... listeners) {
    var b = Gateway.builder().route("api", r -> r.path("/api/**").proxyTo(baseUrl(upstream)));
    for (GatewayListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  @Test
  void aProxiedRequestIsReportedFromArrivalToTheLastByte() throws IOException {
    upstream.enqueue(text(201, "created!"));
    try (Gateway gateway = proxy(recorder)) {
      Request post =
          Request.builder()
              .method("POST")
              .path("/api/orders")
              .body(Body.of(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), 5))
              .build();
      try (Response response = gateway.handle(post)) {
        assertThat(response.body().string()).isEqualTo("created!");
      }
    }
    assertThat(take(upstream).getBody().utf8()).isEqualTo("hello");
    assertThat(recorder.events)
        .containsExactly(
            "started POST /api/orders",
            "routed 'api'",
            "target",
            "attempt 1 " + baseUrl(upstream) + " 201",
            "finished 201");
    assertThat(recorder.outcome.bytesReceived()).isEqualTo(5);
    assertThat(recorder.outcome.bytesSent()).isEqualTo(8);
    assertThat(recorder.outcome.complete()).isTrue();
    assertThat(recorder.outcome.nanos()).isPositive();
  }

  @Test
  void aListenerCanAddHeadersToEachAttempt() throws IOException {
    upstream.enqueue(text(200, "ok"));
    GatewayListener tracing =
        new GatewayListener() {
          @Override
          public ExchangeListener exchangeStarted(Request request) {
            return new ExchangeListener() {
              @Override
              public Headers attemptStarted(UpstreamAttempt attempt, Headers headers) {
                return headers
                    .newBuilder()
                    .set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .build();
              }
            };
          }
        };
    try (Gateway gateway = proxy(tracing);
        Response response =
            gateway.handle(
                Request.builder()
                    .method("GET")
                    .path("/api/x")
                    .header(
                        "traceparent", "00-11111111111111111111111111111111-2222222222222222-01")
                    .build())) {
      assertThat(response.status()).isEqualTo(200);
    }
    RecordedRequest sent = take(upstream);
    assertThat(sent.getHeaders().values("traceparent"))
        .containsExactly("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  }

  @Test
  void aRejectionIsReportedWithItsReasonAndTheUpstreamIsNotCalled() throws IOException {
    Middleware limit =
        chain -> {
          throw GatewayException.tooManyRequests("slow down");
        };
    try (Gateway gateway =
            Gateway.builder()
                .listener(recorder)
                .route("api", r -> r.path("/api/**").use(limit).proxyTo(baseUrl(upstream)))
                .build();
        Response response = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(response.status()).isEqualTo(429);
      assertThat(response.body().string()).contains("slow down");
    }
    assertThat(upstream.getRequestCount()).isZero();
    assertThat(recorder.events)
        .containsExactly(
            "started GET /api/x", "routed 'api'", "problem 429 too_many_requests", "finished 429");
    assertThat(recorder.problem.detail()).isEqualTo("slow down");
  }

  @Test
  void aRequestNoRouteMatchesIsReportedAsA404OfTheEmptyRoute() throws IOException {
    try (Gateway gateway = proxy(recorder);
        Response response = gateway.handle(Request.of("GET", "/nope"))) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.body().string()).contains("no route matches GET /nope");
    }
    assertThat(recorder.events)
        .containsExactly("started GET /nope", "routed ''", "problem 404 not_found", "finished 404");
  }

  @Test
  void anUnreachableUpstreamIsA502WithTheFailedAttempt() throws IOException {
    String closed = baseUrl(upstream);
    upstream.close();
    try (Gateway gateway =
            Gateway.builder()
                .listener(recorder)
                .route("api", r -> r.path("/api/**").proxyTo(closed))
                .build();
        Response response = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(response.status()).isEqualTo(502);
      assertThat(response.body().string()).contains("Bad Gateway");
    }
    assertThat(recorder.events)
        .containsExactly(
            "started GET /api/x",
            "routed 'api'",
            "target",
            "attempt 1 " + closed + " 0 failed",
            "problem 502 bad_gateway",
            "finished 502");
  }

  @Test
  void anUpstreamThatBreaksMidBodyFinishesTheExchangeIncomplete() throws Exception {
    try (BrokenUpstream broken =
            BrokenUpstream.scripted(
                socket -> {
                  BrokenUpstream.readHead(socket.getInputStream());
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part"
                          .getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                });
        Gateway gateway =
            Gateway.builder()
                .listener(recorder)
                .route("api", r -> r.path("/api/**").proxyTo(broken.url()))
                .build()) {
      Response response = gateway.handle(Request.of("GET", "/api/x"));
      try (InputStream in = response.body().stream()) {
        assertThat(new String(in.readNBytes(9), StandardCharsets.UTF_8)).isEqualTo("only part");
        org.assertj.core.api.Assertions.assertThatThrownBy(in::read)
            .isInstanceOf(IOException.class);
      }
      response.close();
    }
    assertThat(recorder.events).last().isEqualTo("finished 200 incomplete");
    assertThat(recorder.outcome.bytesSent()).isEqualTo(9);
    assertThat(recorder.outcome.failure()).startsWith("upstream broke");
  }

  @Test
  void aBodyReadAsAChannelIntoADirectBufferIsCountedToItsEnd() throws IOException {
    byte[] large = new byte[100_000];
    java.util.Arrays.fill(large, (byte) 'x');
    upstream.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(large)).build());
    long read = 0;
    try (Gateway gateway = proxy(recorder);
        Response response = gateway.handle(Request.of("GET", "/api/large"))) {
      InputStream in = response.body().stream();
      assertThat(in).isInstanceOf(ReadableByteChannel.class); // what the servlet adapter reads
      ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
      for (int n; (n = ((ReadableByteChannel) in).read(buffer.clear())) != -1; ) {
        read += n;
      }
      in.close();
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/api/large");
    assertThat(read).isEqualTo(large.length);
    assertThat(recorder.events).last().isEqualTo("finished 200");
    assertThat(recorder.outcome.bytesSent()).isEqualTo(large.length);
    assertThat(recorder.outcome.complete()).isTrue();
  }

  @Test
  void aResponseClosedUnreadFinishesIncomplete() throws IOException {
    upstream.enqueue(text(200, "never read"));
    try (Gateway gateway = proxy(recorder)) {
      gateway.handle(Request.of("GET", "/api/x")).close();
    }
    assertThat(recorder.events).last().isEqualTo("finished 200 incomplete");
    assertThat(recorder.outcome.failure()).isEqualTo("closed before the end");
    assertThat(recorder.outcome.bytesSent()).isZero();
  }

  @Test
  void aListenerThatThrowsChangesNoAnswer() throws IOException {
    GatewayListener broken =
        new GatewayListener() {
          @Override
          public ExchangeListener exchangeStarted(Request request) {
            return new ExchangeListener() {
              @Override
              public void routed(dev.frontdesk.gateway.Route route, Request request) {
                throw new IllegalStateException("listener bug");
              }

              @Override
              public Headers attemptStarted(UpstreamAttempt attempt, Headers headers) {
                throw new IllegalStateException("listener bug");
              }

              @Override
              public void finished(dev.frontdesk.gateway.ExchangeOutcome outcome) {
                throw new IllegalStateException("listener bug");
              }
            };
          }
        };
    upstream.enqueue(text(200, "fine"));
    try (Gateway gateway = proxy(broken, recorder);
        Response response = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("fine");
    }
    assertThat(take(upstream).getTarget()).isEqualTo("/api/x");
    assertThat(recorder.events).contains("finished 200");
  }

  @Test
  void retriesEjectionsAndAnOpenCircuitAreReported() throws IOException {
    MockWebServer second = TestUpstreams.started();
    try (second) {
      for (int i = 0; i < 8; i++) {
        upstream.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        second.enqueue(new MockResponse.Builder().code(503).body("busy").build());
      }
      try (Gateway gateway =
          Gateway.builder()
              .listener(recorder)
              .upstream(
                  Upstream.builder("svc")
                      .instance(baseUrl(upstream))
                      .instance(baseUrl(second))
                      .retry(RetryPolicy.defaults())
                      .outlierDetection(
                          OutlierDetection.builder()
                              .consecutiveFailures(2)
                              .maxEjectedShare(0.5)
                              .build())
                      .circuitBreaker(
                          CircuitBreakerPolicy.builder()
                              .window(4, 4)
                              .failureRateThreshold(0.5)
                              .openDuration(Duration.ofSeconds(30))
                              .build())
                      .build())
              .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
              .build()) {
        for (int i = 0; i < 3; i++) {
          gateway.handle(Request.of("GET", "/svc/x")).close();
        }
      }
    }
    assertThat(recorder.events)
        .contains("retrying 1", "ejected svc (consecutive failures)", "circuit opened svc");
  }
}
