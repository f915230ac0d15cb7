package dev.frontdesk.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.testing.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A response body read as a channel into a direct buffer, as the servlet adapter reads large
 * bodies: from a plain upstream the socket fills the buffer itself, over TLS the bytes come through
 * the connection's buffer. Either way the body arrives byte for byte, in both framings, and the
 * connection goes back to the pool for the next exchange.
 */
class ResponseBodyChannelTest {
  private static final Deadlines LIMITS =
      new Deadlines(5_000, 5_000, Deadlines.NONE, Deadlines.NONE);
  private static final byte[] BODY = new byte[200 * 1024 + 7];

  static {
    new Random(9).nextBytes(BODY);
  }

  private final TestTls tls = new TestTls();
  private MockWebServer upstream;

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void aPlainUpstreamsBodiesArriveWholeInADirectBufferAndTheConnectionIsReused() throws Exception {
    upstream = new MockWebServer();
    upstream.start();
    try (Http1Transport transport = new Http1Transport(8, Duration.ofMinutes(1))) {
      readsBothFramingsWhole(transport, Origin.parse(upstream.url("/").toString()));
    }
  }

  @Test
  void aTlsUpstreamsBodiesArriveWholeInADirectBufferAndTheConnectionIsReused() throws Exception {
    upstream = tls.httpsUpstream(false);
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder().addTrustedCertificate(tls.root.certificate()).build();
    try (Http1Transport transport =
        new Http1Transport(8, Duration.ofMinutes(1), trust.sslSocketFactory())) {
      readsBothFramingsWhole(transport, Origin.parse(TestTls.httpsUrl(upstream)));
    }
  }

  @Test
  void aBodyCutShortFailsTheChannelReadInsteadOfEndingQuietly() throws Exception {
    upstream = new MockWebServer();
    upstream.start();
    upstream.enqueue(
        new MockResponse.Builder()
            .body(new Buffer().write(BODY))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    try (Http1Transport transport = new Http1Transport(8, Duration.ofMinutes(1))) {
      Body body =
          transport.send(Origin.parse(upstream.url("/").toString()), get("/cut"), LIMITS).body();
      assertThatThrownBy(() -> drain(body.stream())).isInstanceOf(ProtocolException.class);
    }
  }

  private void readsBothFramingsWhole(Http1Transport transport, Origin origin) throws Exception {
    upstream.enqueue(new MockResponse.Builder().body(new Buffer().write(BODY)).build());
    upstream.enqueue(
        new MockResponse.Builder().chunkedBody(new Buffer().write(BODY), 10_000).build());
    upstream.enqueue(new MockResponse.Builder().body("after").build());

    assertThat(drain(transport.send(origin, get("/fixed"), LIMITS).body().stream()))
        .isEqualTo(BODY);
    assertThat(drain(transport.send(origin, get("/chunked"), LIMITS).body().stream()))
        .isEqualTo(BODY);
    assertThat(transport.send(origin, get("/after"), LIMITS).body().string()).isEqualTo("after");

    int connection = upstream.takeRequest().getConnectionIndex();
    assertThat(upstream.takeRequest().getConnectionIndex()).isEqualTo(connection);
    assertThat(upstream.takeRequest().getConnectionIndex()).isEqualTo(connection);
  }

  /** Reads the stream as a channel into one direct buffer, as the servlet adapter does. */
  private static byte[] drain(InputStream in) throws Exception {
    assertThat(in).isInstanceOf(ReadableByteChannel.class);
    ReadableByteChannel channel = (ReadableByteChannel) in;
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (in) {
      while (channel.read(buffer.clear()) != -1) {
        byte[] chunk = new byte[buffer.flip().remaining()];
        buffer.get(chunk);
        out.write(chunk);
      }
      assertThat(channel.isOpen()).isFalse();
    }
    return out.toByteArray();
  }

  private static UpstreamRequest get(String path) {
    return new UpstreamRequest("GET", path, Headers.empty(), Body.empty());
  }
}
