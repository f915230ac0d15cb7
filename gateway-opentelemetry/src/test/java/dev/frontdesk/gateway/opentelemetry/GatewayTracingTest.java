package dev.frontdesk.gateway.opentelemetry;

import static dev.frontdesk.gateway.testing.TestUpstreams.baseUrl;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.RetryPolicy;
import dev.frontdesk.gateway.Upstream;
import dev.frontdesk.gateway.testing.BrokenUpstream;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spans exported and trace context sent upstream, through a real gateway in front of MockWebServer.
 */
class GatewayTracingTest {
  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String CLIENT_SPAN_ID = "b7ad6b7169203331";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01";

  private final Traces traces = new Traces();
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
    traces.close();
  }

  private Gateway gateway(OpenTelemetry openTelemetry) {
    return Gateway.builder()
        .listener(GatewayTracing.of(openTelemetry))
        .route("api", r -> r.path("/api/**").proxyTo(baseUrl(upstream)))
        .build();
  }

  private static String traceparent(SpanData span) {
    return "00-"
        + span.getTraceId()
        + "-"
        + span.getSpanId()
        + "-"
        + span.getSpanContext().getTraceFlags().asHex();
  }

  @Test
  void anIncomingTraceIsContinuedAndTheUpstreamSeesTheClientSpanAsItsParent() throws IOException {
    upstream.enqueue(text(200, "ok"));
    String requestId;
    try (Gateway gateway = gateway(traces.openTelemetry);
        Response response =
            gateway.handle(
                Request.builder()
                    .method("GET")
                    .path("/api/users/7")
                    .header("traceparent", TRACEPARENT)
                    .header("tracestate", "vendor=abc")
                    .header("User-Agent", "curl/8")
                    .remoteAddress("10.0.0.7")
                    .build())) {
      assertThat(response.body().string()).isEqualTo("ok");
      requestId = response.requestId();
    }
    SpanData server = traces.only(SpanKind.SERVER);
    SpanData client = traces.only(SpanKind.CLIENT);
    assertThat(server.getName()).isEqualTo("GET api");
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
    assertThat(server.getAttributes().get(stringKey("http.request.method"))).isEqualTo("GET");
    assertThat(server.getAttributes().get(stringKey("url.path"))).isEqualTo("/api/users/7");
    assertThat(server.getAttributes().get(stringKey("http.route"))).isEqualTo("/api/**");
    assertThat(server.getAttributes().get(stringKey("frontdesk.route_id"))).isEqualTo("api");
    assertThat(server.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(server.getAttributes().get(stringKey("client.address"))).isEqualTo("10.0.0.7");
    assertThat(server.getAttributes().get(stringKey("user_agent.original"))).isEqualTo("curl/8");
    assertThat(server.getAttributes().get(stringKey("frontdesk.request_id")))
        .isNotEmpty()
        .isEqualTo(requestId);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    assertThat(client.getName()).isEqualTo("GET");
    assertThat(client.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(client.getAttributes().get(stringKey("http.request.method"))).isEqualTo("GET");
    assertThat(client.getAttributes().get(stringKey("server.address")))
        .isEqualTo(upstream.getHostName());
    assertThat(client.getAttributes().get(longKey("server.port")))
        .isEqualTo((long) upstream.getPort());
    assertThat(client.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(client.getAttributes().get(longKey("http.request.resend_count"))).isNull();
    assertThat(client.getAttributes().get(stringKey("frontdesk.upstream")))
        .isEqualTo(baseUrl(upstream));

    RecordedRequest sent = take(upstream);
    assertThat(sent.getHeaders().values("traceparent")).containsExactly(traceparent(client));
    assertThat(sent.getHeaders().values("tracestate")).containsExactly("vendor=abc");
  }

  @Test
  void withoutAnIncomingContextATraceStartsAtTheGatewayAndStillGoesUpstream() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway(traces.openTelemetry);
        Response response = gateway.handle(Request.of("POST", "/api/orders"))) {
      assertThat(response.status()).isEqualTo(200);
    }
    SpanData server = traces.only(SpanKind.SERVER);
    SpanData client = traces.only(SpanKind.CLIENT);
    assertThat(server.getName()).isEqualTo("POST api");
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(client.getTraceId()).isEqualTo(server.getTraceId());
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    RecordedRequest sent = take(upstream);
    assertThat(sent.getHeaders().values("traceparent")).containsExactly(traceparent(client));
    assertThat(sent.getHeaders().get("tracestate")).isNull();
  }

  @Test
  void noContextIsLeftCurrentOnTheRequestThread() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway(traces.openTelemetry);
        Response response =
            gateway.handle(
                Request.builder()
                    .method("GET")
                    .path("/api/x")
                    .header("traceparent", TRACEPARENT)
                    .build())) {
      assertThat(Context.current()).isSameAs(Context.root());
      response.body().string();
    }
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(traces.spans()).hasSize(2);
  }

  @Test
  void aMalformedTraceparentStartsANewTraceAndItsTracestateIsNotSentOn() throws IOException {
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway(traces.openTelemetry);
        Response response =
            gateway.handle(
                Request.builder()
                    .method("GET")
                    .path("/api/x")
                    .header("traceparent", "00-not-a-trace-01")
                    .header("tracestate", "vendor=stale")
                    .build())) {
      response.body().string();
    }
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    RecordedRequest sent = take(upstream);
    assertThat(sent.getHeaders().values("traceparent"))
        .containsExactly(traceparent(traces.only(SpanKind.CLIENT)));
    assertThat(sent.getHeaders().get("tracestate")).isNull();
  }

  @Test
  void eachRetryIsAClientSpanWithItsResendCountAndItsOwnTraceparent() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    Dispatcher firstBusy =
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return calls.getAndIncrement() == 0 ? text(503, "busy") : text(200, "fine");
          }
        };
    MockWebServer second = TestUpstreams.started();
    upstream.setDispatcher(firstBusy);
    second.setDispatcher(firstBusy);
    try (second;
        Gateway gateway =
            Gateway.builder()
                .listener(GatewayTracing.of(traces.openTelemetry))
                .upstream(
                    Upstream.builder("svc")
                        .instance(baseUrl(upstream))
                        .instance(baseUrl(second))
                        .retry(RetryPolicy.defaults())
                        .build())
                .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
                .build();
        Response response = gateway.handle(Request.of("GET", "/svc/x"))) {
      assertThat(response.body().string()).isEqualTo("fine");
    }
    assertThat(calls).hasValue(2);
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(traces.spans(SpanKind.CLIENT))
        .hasSize(2)
        .allSatisfy(
            client -> {
              assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
              assertThat(client.getAttributes().get(stringKey("frontdesk.upstream")))
                  .isEqualTo("svc");
            });
    SpanData busy = traces.spans(SpanKind.CLIENT).get(0);
    SpanData retried = traces.spans(SpanKind.CLIENT).get(1);
    assertThat(busy.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(503L);
    assertThat(busy.getAttributes().get(longKey("http.request.resend_count"))).isNull();
    assertThat(busy.getAttributes().get(stringKey("error.type"))).isEqualTo("503");
    assertThat(busy.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(retried.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(retried.getAttributes().get(longKey("http.request.resend_count"))).isEqualTo(1L);
    assertThat(retried.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

    // the retry goes to the other instance, so each saw one try, with that try's own context
    assertThat(
            List.of(
                take(upstream).getHeaders().get("traceparent"),
                take(second).getHeaders().get("traceparent")))
        .containsExactlyInAnyOrder(traceparent(busy), traceparent(retried));
  }

  @Test
  void parallelRequestsKeepTheirTracesApartWhileBothAreInFlight() throws Exception {
    CountDownLatch bothArrived = new CountDownLatch(2);
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            bothArrived.countDown();
            bothArrived.await(5, TimeUnit.SECONDS); // answer neither until both tries are open
            return text(200, "ok");
          }
        });
    String[] traceIds = {"11111111111111111111111111111111", "22222222222222222222222222222222"};
    ExecutorService clients = Executors.newFixedThreadPool(2);
    try (Gateway gateway = gateway(traces.openTelemetry)) {
      List<Future<Integer>> answers = new java.util.ArrayList<>();
      for (String traceId : traceIds) {
        answers.add(
            clients.submit(
                () ->
                    TestUpstreams.status(
                        gateway.handle(
                            Request.builder()
                                .method("GET")
                                .path("/api/" + traceId)
                                .header(
                                    "traceparent", "00-" + traceId + "-" + CLIENT_SPAN_ID + "-01")
                                .build()))));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(bothArrived.getCount()).as("both tries were in flight at once").isZero();
    Map<String, SpanData> serverByTrace =
        traces.spans(SpanKind.SERVER).stream()
            .collect(Collectors.toMap(SpanData::getTraceId, Function.identity()));
    Map<String, SpanData> clientByTrace =
        traces.spans(SpanKind.CLIENT).stream()
            .collect(Collectors.toMap(SpanData::getTraceId, Function.identity()));
    assertThat(serverByTrace).containsOnlyKeys(traceIds);
    assertThat(clientByTrace).containsOnlyKeys(traceIds);
    for (int i = 0; i < 2; i++) {
      RecordedRequest sent = take(upstream);
      String traceId = sent.getTarget().substring("/api/".length());
      SpanData client = clientByTrace.get(traceId);
      assertThat(client.getParentSpanId()).isEqualTo(serverByTrace.get(traceId).getSpanId());
      assertThat(sent.getHeaders().values("traceparent")).containsExactly(traceparent(client));
    }
  }

  @Test
  void anUnreachableUpstreamIsAFailedClientSpanUnderAServerSpanInError() throws IOException {
    String closed = baseUrl(upstream);
    upstream.close();
    try (Gateway gateway =
            Gateway.builder()
                .listener(GatewayTracing.of(traces.openTelemetry))
                .route("api", r -> r.path("/api/**").proxyTo(closed))
                .build();
        Response response = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(response.status()).isEqualTo(502);
    }
    SpanData client = traces.only(SpanKind.CLIENT);
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(longKey("http.response.status_code"))).isNull();
    assertThat(client.getAttributes().get(stringKey("error.type")))
        .isEqualTo("java.net.ConnectException");
    assertThat(client.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(502L);
    assertThat(server.getAttributes().get(stringKey("error.type"))).isEqualTo("bad_gateway");
  }

  @Test
  void aRequestMiddlewareRejectsHasAServerSpanWithTheReasonAndNoClientSpan() throws IOException {
    Middleware limit =
        chain -> {
          throw GatewayException.tooManyRequests("slow down");
        };
    try (Gateway gateway =
            Gateway.builder()
                .listener(GatewayTracing.of(traces.openTelemetry))
                .route("api", r -> r.path("/api/**").use(limit).proxyTo(baseUrl(upstream)))
                .build();
        Response response = gateway.handle(Request.of("GET", "/api/x"))) {
      assertThat(response.status()).isEqualTo(429);
    }
    assertThat(upstream.getRequestCount()).isZero();
    assertThat(traces.spans(SpanKind.CLIENT)).isEmpty();
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(server.getAttributes().get(stringKey("error.type"))).isEqualTo("too_many_requests");
    assertThat(server.getAttributes().get(longKey("http.response.status_code"))).isEqualTo(429L);
    assertThat(server.getStatus().getStatusCode())
        .as("a 4xx is the client's, not the server's error")
        .isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aRequestNoRouteMatchesIsNamedAfterItsMethodAlone() throws IOException {
    try (Gateway gateway = gateway(traces.openTelemetry);
        Response response = gateway.handle(Request.of("DELETE", "/nowhere"))) {
      assertThat(response.status()).isEqualTo(404);
    }
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("DELETE");
    assertThat(server.getAttributes().get(stringKey("http.route"))).isNull();
    assertThat(server.getAttributes().get(stringKey("error.type"))).isEqualTo("not_found");
  }

  @Test
  void aResponseClosedUnreadStillEndsTheServerSpan() throws IOException {
    upstream.enqueue(text(200, "never read"));
    try (Gateway gateway = gateway(traces.openTelemetry)) {
      gateway.handle(Request.of("GET", "/api/x")).close();
    }
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(server.hasEnded()).isTrue();
    assertThat(server.getAttributes().get(stringKey("frontdesk.incomplete")))
        .isEqualTo("closed before the end");
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(traces.only(SpanKind.CLIENT).hasEnded()).isTrue();
  }

  @Test
  void anUpstreamThatBreaksMidBodyEndsBothSpansAndMarksTheServerSpan() throws Exception {
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
                .listener(GatewayTracing.of(traces.openTelemetry))
                .route("api", r -> r.path("/api/**").proxyTo(broken.url()))
                .build()) {
      Response response = gateway.handle(Request.of("GET", "/api/x"));
      try (InputStream in = response.body().stream()) {
        in.readAllBytes();
      } catch (IOException expected) {
        // the upstream closed after 9 of 100 bytes
      }
      response.close();
    }
    SpanData server = traces.only(SpanKind.SERVER);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(server.getAttributes().get(stringKey("frontdesk.incomplete")))
        .startsWith("upstream broke");
    assertThat(
            traces.only(SpanKind.CLIENT).getAttributes().get(longKey("http.response.status_code")))
        .isEqualTo(200L);
  }

  @Test
  void aTraceTheClientDidNotSampleRecordsNothingYetTheUpstreamStillGetsItsContext()
      throws IOException {
    upstream.enqueue(text(200, "ok"));
    String unsampled = "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-00";
    try (Gateway gateway = gateway(traces.openTelemetry);
        Response response =
            gateway.handle(
                Request.builder()
                    .method("GET")
                    .path("/api/x")
                    .header("traceparent", unsampled)
                    .header("tracestate", "vendor=abc")
                    .build())) {
      assertThat(response.body().string()).isEqualTo("ok");
    }
    assertThat(traces.spans()).isEmpty();
    RecordedRequest sent = take(upstream);
    assertThat(sent.getHeaders().values("traceparent"))
        .singleElement()
        .satisfies(
            traceparent -> {
              assertThat(traceparent).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
              assertThat(traceparent)
                  .isNotEqualTo(unsampled); // the gateway's own (unrecorded) client span id
            });
    assertThat(sent.getHeaders().values("tracestate")).containsExactly("vendor=abc");
  }

  @Test
  void withoutAnSdkNothingIsRecordedAndTheClientsHeadersPassThrough() throws IOException {
    upstream.enqueue(text(200, "ok"));
    upstream.enqueue(text(200, "ok"));
    try (Gateway gateway = gateway(OpenTelemetry.noop())) {
      gateway
          .handle(
              Request.builder()
                  .method("GET")
                  .path("/api/x")
                  .header("traceparent", TRACEPARENT)
                  .header("tracestate", "vendor=abc")
                  .build())
          .close();
      gateway.handle(Request.of("GET", "/api/y")).close();
    }
    RecordedRequest continued = take(upstream);
    assertThat(continued.getHeaders().values("traceparent")).containsExactly(TRACEPARENT);
    assertThat(continued.getHeaders().values("tracestate")).containsExactly("vendor=abc");
    assertThat(take(upstream).getHeaders().get("traceparent")).isNull();
    assertThat(traces.spans()).isEmpty();
  }
}
