package dev.frontdesk.gateway.opentelemetry.internal;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.ExchangeOutcome;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.UpstreamAttempt;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener alone, driven the way aggregation legs drive it: tries of one exchange started and
 * ended on several threads, some of them equal as values.
 */
class TracedExchangeTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void close() {
    provider.close();
  }

  private TracedExchange start() {
    return TracedExchange.start(
        provider.get("test"),
        W3CTraceContextPropagator.getInstance(),
        new ServerAddresses(),
        Request.of("GET", "/home"));
  }

  private static String spanIdSent(Headers headers) {
    return headers.get("traceparent").split("-")[2];
  }

  @Test
  void twoLegsToTheSameInstanceAreEqualTriesButGetTheirOwnSpans() throws Exception {
    TracedExchange exchange = start();
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<String>> legs =
        List.of(404, 200).stream()
            .map(
                status ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          UpstreamAttempt leg =
                              new UpstreamAttempt(
                                  "users", "http://users:8080", 1, "GET"); // equal for both legs
                          String spanId = spanIdSent(exchange.attemptStarted(leg, Headers.empty()));
                          try {
                            together.await(5, TimeUnit.SECONDS); // both open before either ends
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                          exchange.attemptFinished(leg, status, null, 1_000);
                          return spanId + " " + status;
                        }))
            .toList();
    List<String> sent = legs.stream().map(CompletableFuture::join).toList();
    exchange.finished(new ExchangeOutcome(200, 0, 2, 5_000, true, null));

    List<SpanData> clients =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT)
            .toList();
    assertThat(clients).hasSize(2);
    assertThat(
            clients.stream()
                .map(
                    s ->
                        s.getSpanId()
                            + " "
                            + s.getAttributes().get(longKey("http.response.status_code"))))
        .as("each leg's status is on the span whose id it sent upstream")
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aTryWhoseEndIsNeverReportedIsEndedWithTheExchange() {
    TracedExchange exchange = start();
    exchange.attemptStarted(
        new UpstreamAttempt("slow", "http://slow:8080", 1, "GET"), Headers.empty());
    exchange.finished(new ExchangeOutcome(504, 0, 0, 5_000, true, null));

    SpanData client =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT)
            .findFirst()
            .orElseThrow();
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(stringKey("error.type"))).isEqualTo("abandoned");
    assertThat(exporter.getFinishedSpanItems()).hasSize(2);
  }

  @Test
  void theClientsTracestateIsReplacedNotDoubled() {
    TracedExchange exchange = start();
    Headers sent =
        exchange.attemptStarted(
            new UpstreamAttempt("a", "http://a", 1, "GET"),
            Headers.of(
                "Traceparent",
                "00-11111111111111111111111111111111-2222222222222222-01",
                "TRACESTATE",
                "x=1",
                "Accept",
                "*/*"));
    assertThat(sent.values("traceparent"))
        .hasSize(1)
        .first()
        .asString()
        .doesNotContain("2222222222222222");
    assertThat(sent.values("tracestate"))
        .isEmpty(); // the exchange started a new trace: x=1 belongs to another
    assertThat(sent.get("Accept")).isEqualTo("*/*");
  }
}
