package dev.frontdesk.gateway.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies in motion through {@link GatewayServlet} on every container: streamed responses are
 * flushed as they arrive, and a connection that breaks on either side mid-body breaks the other
 * side too, never ending as a complete-looking response. Upstreams here are raw server sockets.
 */
abstract class GatewayServletStreamingSuite extends ServletFixture {

  /**
   * The upstream holds the second event back until the client has read the first (or 10 s pass): a
   * gateway that buffered the stream would make the client wait the whole 10 s and fail here.
   */
  @Test
  void flushesServerSentEventsAsTheyArrive() throws Exception {
    CountDownLatch clientReadFirst = new CountDownLatch(1);
    AtomicBoolean secondSentAfterClientReadFirst = new AtomicBoolean();
    try (RawUpstream events =
        new RawUpstream(
            out -> {
              RawUpstream.write(
                  out,
                  "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                      + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n");
              RawUpstream.write(out, chunk("data: first\n\n"));
              secondSentAfterClientReadFirst.set(clientReadFirst.await(10, TimeUnit.SECONDS));
              RawUpstream.write(out, chunk("data: second\n\n") + "0\r\n\r\n");
            })) {
      use(b -> b.route("events", r -> r.path("/events").proxyTo(events.url())));
      long start = System.nanoTime();

      HttpResponse<InputStream> response =
          client.send(HttpRequest.newBuilder(uri("/events")).build(), BodyHandlers.ofInputStream());
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
        assertThat(lines.readLine()).isEqualTo("data: first");
        long firstEventMillis = (System.nanoTime() - start) / 1_000_000;
        clientReadFirst.countDown();
        assertThat(lines.readLine()).isEmpty();
        assertThat(lines.readLine()).isEqualTo("data: second");
        assertThat(firstEventMillis)
            .as("first event after %d ms", firstEventMillis)
            .isLessThan(5_000);
      }
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
      assertThat(secondSentAfterClientReadFirst).isTrue();
      assertThat(events.requestCount()).isEqualTo(1);
      events.rethrowFailure();
    }
  }

  static String chunk(String data) {
    return Integer.toHexString(data.getBytes(UTF_8).length) + "\r\n" + data + "\r\n";
  }

  /**
   * The upstream sends its head and 1000 bytes, waits until the client has the response head (so
   * the gateway's response is committed), then closes: the client must see a broken body.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Content-Length: 100000", "Transfer-Encoding: chunked"})
  void anUpstreamDyingMidBodyBreaksTheClientsResponse(String framing) throws Exception {
    boolean chunked = framing.startsWith("Transfer-Encoding");
    CountDownLatch clientHasHead = new CountDownLatch(1);
    try (RawUpstream dying =
        new RawUpstream(
            out -> {
              String data = "x".repeat(1000);
              RawUpstream.write(
                  out,
                  "HTTP/1.1 200 OK\r\n" + framing + "\r\n\r\n" + (chunked ? chunk(data) : data));
              clientHasHead.await(10, TimeUnit.SECONDS);
            })) {
      use(b -> b.route("dying", r -> r.path("/dying").proxyTo(dying.url())));

      HttpResponse<InputStream> response =
          client.send(HttpRequest.newBuilder(uri("/dying")).build(), BodyHandlers.ofInputStream());
      clientHasHead.countDown();

      assertThat(response.statusCode()).isEqualTo(200);
      try (InputStream body = response.body()) {
        assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
      }
      assertThat(dying.requestCount()).isEqualTo(1);
      dying.rethrowFailure();
    }
  }

  /**
   * An expected failure is the adapter's one warning, without a stack trace, on every container.
   */
  @Test
  void anUpstreamDyingMidBodyIsOneWarningWithoutAStackTrace() throws Exception {
    CountDownLatch clientHasHead = new CountDownLatch(1);
    try (RawUpstream dying =
        new RawUpstream(
            out -> {
              RawUpstream.write(
                  out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(1000));
              clientHasHead.await(10, TimeUnit.SECONDS);
            })) {
      use(b -> b.route("dying", r -> r.path("/dying").proxyTo(dying.url())));
      try (Warnings warnings = new Warnings()) {
        HttpResponse<InputStream> response =
            client.send(
                HttpRequest.newBuilder(uri("/dying")).build(), BodyHandlers.ofInputStream());
        clientHasHead.countDown();
        try (InputStream body = response.body()) {
          assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(warnings.all())
            .containsExactly(
                "dev.frontdesk.gateway.servlet.internal.ServletExchange: GET /dying"
                    + " (id "
                    + id
                    + "): the upstream broke after 1000 bytes of its body; the client's response is cut off:"
                    + " the upstream closed the connection 99000 bytes before the end of its body");
      }
      assertThat(dying.requestCount()).isEqualTo(1);
    }
  }

  /** A client that hangs up mid-download must not leave the upstream streaming into the void. */
  @Test
  void aClientHangingUpMidBodyReleasesTheUpstreamConnection() throws Exception {
    CountDownLatch upstreamWriteFailed = new CountDownLatch(1);
    try (RawUpstream endless =
        new RawUpstream(
            out -> {
              RawUpstream.write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
              String data = chunk("y".repeat(8192));
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
              try {
                while (System.nanoTime() < deadline) {
                  RawUpstream.write(out, data);
                }
              } catch (IOException gatewayHungUp) {
                upstreamWriteFailed.countDown();
              }
            })) {
      use(b -> b.route("endless", r -> r.path("/endless").proxyTo(endless.url())));

      try (Socket socket = new Socket("127.0.0.1", container.port())) {
        socket
            .getOutputStream()
            .write(("GET /endless HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(UTF_8));
        byte[] start = socket.getInputStream().readNBytes(20_000);
        assertThat(new String(start, 0, 12, UTF_8)).isEqualTo("HTTP/1.1 200");
      }

      assertThat(upstreamWriteFailed.await(15, TimeUnit.SECONDS))
          .as("the upstream noticed the gateway dropped its connection")
          .isTrue();
      assertThat(endless.requestCount()).isEqualTo(1);
      endless.rethrowFailure();
    }
  }

  /**
   * Dying before the first body byte leaves nothing committed, so the client can get a 502, with
   * the id the gateway sent upstream (the upstream here echoes nothing back).
   */
  @Test
  void anUpstreamDyingBeforeItsFirstBodyByteIsA502WithTheRequestId() throws Exception {
    try (RawUpstream dying =
        new RawUpstream(
            out -> RawUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"))) {
      use(b -> b.route("dying", r -> r.path("/dying").proxyTo(dying.url())));

      RawHttp.Reply reply = RawHttp.send(container.port(), "GET", "/dying");

      String sentUpstream = dying.lastRequestHeader("X-Request-Id");
      assertThat(sentUpstream).isNotBlank();
      assertThat(reply.status()).isEqualTo(502);
      assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(reply.header("Content-Length")).isEqualTo(Integer.toString(reply.body().length));
      assertThat(reply.header("X-Request-Id")).isEqualTo(sentUpstream);
      assertThat(reply.bodyText())
          .contains("\"status\":502")
          .contains("\"title\":\"Bad Gateway\"")
          .contains("\"instance\":\"/dying\"")
          .contains("\"requestId\":\"" + sentUpstream + "\"");
      assertThat(dying.requestCount()).isEqualTo(1);
      dying.rethrowFailure();
    }
  }
}
