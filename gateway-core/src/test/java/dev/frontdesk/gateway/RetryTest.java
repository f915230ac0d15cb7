package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which failed calls are tried again, and which must not be. Round robin starts at "a". */
class RetryTest extends TwoBackends {

  private Gateway gateway(RetryPolicy retry, UpstreamOverrides... routeOverrides) {
    return Gateway.builder()
        .upstream(
            Upstream.builder("svc")
                .instance(a.url())
                .instance(b.url())
                .outlierDetection(OutlierDetection.disabled())
                .retry(retry)
                .build())
        .route("svc", r -> r.path("/svc/**").use(routeOverrides).proxyToUpstream("svc"))
        .build();
  }

  @Test
  void aGetAnswered503IsRetriedOnTheOtherInstance() {
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(RetryPolicy.defaults())) {
      Client got = Client.get(gateway, "/svc/x");

      assertThat(got.status()).isEqualTo(200);
      assertThat(got.body()).isEqualTo("b");
      assertThat(a.received()).isEqualTo(1);
      assertThat(b.received()).isEqualTo(1);
    }
  }

  @Test
  void aPostAnswered503IsNotRetriedAndTheClientGetsThe503() {
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(RetryPolicy.defaults())) {
      Client got = Client.send(gateway, Client.post("/svc/orders", "{}"));

      assertThat(got.status()).isEqualTo(503);
      assertThat(got.body()).isEqualTo("busy");
      assertThat(a.received()).isEqualTo(1);
      assertThat(b.received()).isZero();
    }
  }

  @Test
  void aPostWithAnIdempotencyKeyIsRetriedWhenTheRouteOptsIn() throws Exception {
    a.mode(Backend.Mode.FAIL_503);
    UpstreamOverrides optIn =
        UpstreamOverrides.builder()
            .retry(RetryPolicy.builder().retryIdempotencyKeyRequests(true).build())
            .build();
    try (Gateway gateway = gateway(RetryPolicy.defaults(), optIn)) {
      Request keyed =
          Client.post("/svc/orders", "{\"sku\":1}")
              .newBuilder()
              .header("Idempotency-Key", "k-1")
              .build();
      Client got = Client.send(gateway, keyed);
      Client unkeyed = Client.send(gateway, Client.post("/svc/orders", "{\"sku\":2}"));

      assertThat(got.status()).isEqualTo(200);
      assertThat(b.requests.take().getBody().utf8()).isEqualTo("{\"sku\":1}");
      assertThat(b.received()).isEqualTo(1);
      assertThat(unkeyed.status()).isIn(200, 503); // round robin may start it on b; never retried
      assertThat(a.received() + b.received()).isEqualTo(3);
    }
  }

  @Test
  void aStreamedBodyIsNotReplayedAfterTheUpstreamBrokeTheConnection() {
    a.mode(Backend.Mode.DISCONNECT);
    try (Gateway gateway = gateway(RetryPolicy.defaults())) {
      Client got = Client.send(gateway, streamedPut("payload"));

      assertThat(got.status()).isEqualTo(502);
      assertThat(a.received()).isEqualTo(1);
      assertThat(b.received()).isZero();
    }
  }

  @Test
  void aStreamedBodyIsReplayedWhenSmallEnoughToBufferByConfiguration() throws Exception {
    a.mode(Backend.Mode.DISCONNECT);
    try (Gateway gateway = gateway(RetryPolicy.builder().bufferBodiesUpTo(1024).build())) {
      Client got = Client.send(gateway, streamedPut("payload"));

      assertThat(got.status()).isEqualTo(200);
      assertThat(got.body()).isEqualTo("b");
      assertThat(a.requests.take().getBody().utf8()).isEqualTo("payload");
      assertThat(b.requests.take().getBody().utf8()).isEqualTo("payload");
    }
  }

  @Test
  void aChunkedBodyWithinTheBufferIsReplayedToo() throws Exception {
    a.mode(Backend.Mode.DISCONNECT);
    try (Gateway gateway = gateway(RetryPolicy.builder().bufferBodiesUpTo(1024).build())) {
      Request put =
          Request.of("PUT", "/svc/doc")
              .newBuilder()
              .body(
                  Body.of(
                      new ByteArrayInputStream("chunked payload".getBytes(StandardCharsets.UTF_8)),
                      -1))
              .build();

      Client got = Client.send(gateway, put);

      assertThat(got.status()).isEqualTo(200);
      assertThat(b.requests.take().getBody().utf8()).isEqualTo("chunked payload");
      assertThat(a.received()).isEqualTo(1);
    }
  }

  @Test
  void aStreamedBodyLargerThanTheBufferIsSentOnceOnly() {
    a.mode(Backend.Mode.DISCONNECT);
    try (Gateway gateway = gateway(RetryPolicy.builder().bufferBodiesUpTo(4).build())) {
      Client got = Client.send(gateway, streamedPut("more than four bytes"));

      assertThat(got.status()).isEqualTo(502);
      assertThat(a.received()).isEqualTo(1);
      assertThat(b.received()).isZero();
    }
  }

  @Test
  void theRetryBudgetKeepsRetriesToAShareOfTheRequests() {
    a.mode(Backend.Mode.FAIL_503);
    b.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(RetryPolicy.builder().maxAttempts(2).budget(0.2, 0).build())) {
      for (int i = 0; i < 100; i++) {
        assertThat(Client.get(gateway, "/svc/x").status()).isEqualTo(503);
      }

      int sent = a.received() + b.received();
      assertThat(sent).isBetween(100 + 15, 100 + 20); // 20% extra at most, not 100%
    }
  }

  @Test
  void withoutRetriesTheUpstreamsStatusReachesTheClientAsItIs() {
    a.mode(Backend.Mode.FAIL_503);
    try (Gateway gateway = gateway(RetryPolicy.none())) {
      Client got = Client.get(gateway, "/svc/x");

      assertThat(got.status()).isEqualTo(503);
      assertThat(a.received() + b.received()).isEqualTo(1);
    }
  }

  @Test
  void aLargeStreamedBodyOfUnknownLengthStillStreamsThroughUnbuffered() throws Exception {
    byte[] big = new byte[8 << 20];
    new java.util.Random(7).nextBytes(big);
    try (Gateway gateway = gateway(RetryPolicy.builder().bufferBodiesUpTo(64 * 1024).build())) {
      Request put =
          Request.of("PUT", "/svc/blob")
              .newBuilder()
              .body(Body.of(new ByteArrayInputStream(big), -1))
              .build();

      Client got = Client.send(gateway, put);

      assertThat(got.status()).isEqualTo(200);
      assertThat(a.requests.take().getBody().toByteArray()).isEqualTo(big);
      assertThat(b.received()).isZero();
    }
  }

  private static Request streamedPut(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return Request.of("PUT", "/svc/doc")
        .newBuilder()
        .body(Body.of(new ByteArrayInputStream(bytes), bytes.length))
        .build();
  }
}
