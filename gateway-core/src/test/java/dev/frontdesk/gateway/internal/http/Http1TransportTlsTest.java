package dev.frontdesk.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.testing.TestTls;
import java.time.Duration;
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes between the upstream client and an HTTPS upstream whose certificate the test
 * makes: trusted, the exchange goes through (and keeps its connection); untrusted, or for another
 * host name, it fails before a byte of the request is sent. The gateway-level tests, with {@code
 * UpstreamTls} and client certificates, are {@code UpstreamTlsTest}.
 */
class Http1TransportTlsTest {
  private static final Deadlines LIMITS =
      new Deadlines(5_000, 5_000, Deadlines.NONE, Deadlines.NONE);

  private final TestTls tls = new TestTls();
  private final HeldCertificate root = tls.root;
  private MockWebServer upstream;

  @BeforeEach
  void start() {
    upstream = tls.httpsUpstream(false);
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private Http1Transport trusting(HeldCertificate ca) {
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    return new Http1Transport(8, Duration.ofMinutes(1), trust.sslSocketFactory());
  }

  private static UpstreamRequest get(String path) {
    return new UpstreamRequest("GET", path, Headers.empty(), Body.empty());
  }

  @Test
  void aTrustedUpstreamIsReachedOverTlsAndItsConnectionReused() throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("secret 1").build());
    upstream.enqueue(new MockResponse.Builder().body("secret 2").build());
    Origin origin = Origin.parse(TestTls.httpsUrl(upstream));
    try (Http1Transport transport = trusting(root)) {
      assertThat(transport.send(origin, get("/a"), LIMITS).body().string()).isEqualTo("secret 1");
      assertThat(transport.send(origin, get("/b"), LIMITS).body().string()).isEqualTo("secret 2");
    }
    RecordedRequest first = upstream.takeRequest();
    assertThat(first.getHandshake()).isNotNull();
    assertThat(first.getTarget()).isEqualTo("/a");
    assertThat(first.getHeaders().get("Host")).isEqualTo("localhost:" + upstream.getPort());
    assertThat(upstream.takeRequest().getConnectionIndex()).isEqualTo(first.getConnectionIndex());
  }

  @Test
  void anUpstreamWhoseCertificateIsNotTrustedIsRefused() {
    HeldCertificate otherRoot = new HeldCertificate.Builder().certificateAuthority(0).build();
    Origin origin = Origin.parse(TestTls.httpsUrl(upstream));
    try (Http1Transport transport = trusting(otherRoot)) {
      assertThatThrownBy(() -> transport.send(origin, get("/a"), LIMITS))
          .isInstanceOf(SSLException.class);
    }
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aCertificateForAnotherHostNameIsRefused() {
    Origin origin =
        Origin.parse("https://127.0.0.1:" + upstream.getPort()); // the certificate names localhost
    try (Http1Transport transport = trusting(root)) {
      assertThatThrownBy(() -> transport.send(origin, get("/a"), LIMITS))
          .isInstanceOf(SSLException.class);
    }
    assertThat(upstream.getRequestCount()).isZero();
  }
}
