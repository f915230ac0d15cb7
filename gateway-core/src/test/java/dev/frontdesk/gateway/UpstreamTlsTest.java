package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static dev.frontdesk.gateway.testing.TestUpstreams.take;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.Poller;
import dev.frontdesk.gateway.testing.TestTls;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own upstream client with {@link UpstreamTls}: real handshakes with HTTPS
 * MockWebServers whose CA, server and client certificates the test makes. A refused handshake is
 * the client's 502 problem, and the upstream sees no request.
 */
class UpstreamTlsTest {
  private final TestTls tls = new TestTls();
  @TempDir Path dir;

  private Path pem(String name, String text) {
    return TestTls.write(dir, name, text);
  }

  /** Trusts the test root from a PEM file and presents the client certificate from PEM files. */
  private UpstreamTls mutualFromPem() {
    return UpstreamTls.builder()
        .trustCertificates(pem("ca.pem", tls.root.certificatePem()))
        .clientCertificate(
            pem("client.crt", tls.client.certificatePem() + tls.root.certificatePem()),
            pem("client.key", tls.client.privateKeyPkcs8Pem()))
        .build();
  }

  @Test
  void anUpstreamSignedByATrustedCaIsProxiedOverTls() throws Exception {
    UpstreamTls trust =
        UpstreamTls.builder().trustCertificates(pem("ca.pem", tls.root.certificatePem())).build();
    try (MockWebServer upstream = tls.httpsUpstream(false);
        Gateway gateway = proxyAll(TestTls.httpsUrl(upstream), b -> b.upstreamTls(trust))) {
      upstream.enqueue(text(200, "over tls"));
      try (Response response = gateway.handle(Request.of("GET", "/orders/7?x=1"))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("over tls");
      }
      RecordedRequest seen = take(upstream);
      assertThat(seen.getTarget()).isEqualTo("/orders/7?x=1");
      assertThat(seen.getHeaders().get("Host")).isEqualTo("localhost:" + upstream.getPort());
      assertThat(seen.getHandshake()).isNotNull();
      assertThat(seen.getHandshake().peerPrincipal())
          .isNull(); // no client certificate was asked for
    }
  }

  @Test
  void theClientCertificateFromPemFilesIsPresentedToAnUpstreamThatRequiresOne() throws Exception {
    UpstreamTls mutual = mutualFromPem();
    try (MockWebServer upstream = tls.httpsUpstream(true);
        Gateway gateway = proxyAll(TestTls.httpsUrl(upstream), b -> b.upstreamTls(mutual))) {
      upstream.enqueue(text(200, "hello, gateway"));
      try (Response response = gateway.handle(Request.of("GET", "/whoami"))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("hello, gateway");
      }
      RecordedRequest seen = take(upstream);
      assertThat(seen.getTarget()).isEqualTo("/whoami");
      assertThat(seen.getHandshake().peerPrincipal())
          .isEqualTo(tls.client.certificate().getSubjectX500Principal());
    }
    assertThat(mutual.clientCertificate()).isEqualTo(tls.client.certificate());
    assertThat(mutual.trustedCertificates()).containsExactly(tls.root.certificate());
  }

  @Test
  void theClientCertificateFromAKeyStoreIsPresentedLikeOneFromPem() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "changeit".toCharArray();
    store.setKeyEntry(
        "gateway",
        tls.client.keyPair().getPrivate(),
        password,
        new X509Certificate[] {tls.client.certificate(), tls.root.certificate()});
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    trustStore.load(null, null);
    trustStore.setCertificateEntry("root", tls.root.certificate());
    UpstreamTls mutual =
        UpstreamTls.builder().trustStore(trustStore).clientKeyStore(store, password).build();
    try (MockWebServer upstream = tls.httpsUpstream(true);
        Gateway gateway = proxyAll(TestTls.httpsUrl(upstream), b -> b.upstreamTls(mutual))) {
      upstream.enqueue(text(201, "made"));
      try (Response response = gateway.handle(Request.of("POST", "/things"))) {
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().string()).isEqualTo("made");
      }
      RecordedRequest seen = take(upstream);
      assertThat(seen.getMethod()).isEqualTo("POST");
      assertThat(seen.getHandshake().peerPrincipal())
          .isEqualTo(tls.client.certificate().getSubjectX500Principal());
    }
  }

  @Test
  void anSslContextHandedInIsUsedAsItIs() throws Exception {
    HandshakeCertificates own =
        new HandshakeCertificates.Builder()
            .addTrustedCertificate(tls.root.certificate())
            .heldCertificate(tls.client)
            .build();
    UpstreamTls context = UpstreamTls.of(own.sslContext());
    try (MockWebServer upstream = tls.httpsUpstream(true);
        Gateway gateway = proxyAll(TestTls.httpsUrl(upstream), b -> b.upstreamTls(context))) {
      upstream.enqueue(text(200, "ok"));
      try (Response response = gateway.handle(Request.of("GET", "/"))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("ok");
      }
      assertThat(take(upstream).getHandshake().peerPrincipal())
          .isEqualTo(tls.client.certificate().getSubjectX500Principal());
    }
  }

  @Test
  void anUpstreamWhoseCertificateIsNotTrustedGets502AndNoRequest() throws Exception {
    HeldCertificate otherRoot = new HeldCertificate.Builder().certificateAuthority(0).build();
    UpstreamTls trust = UpstreamTls.builder().trustCertificates(otherRoot.certificate()).build();
    try (MockWebServer upstream = tls.httpsUpstream(false);
        Gateway gateway = proxyAll(TestTls.httpsUrl(upstream), b -> b.upstreamTls(trust));
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      problem(response, 502);
      assertThat(upstream.getRequestCount()).isZero();
    }
  }

  @Test
  void anUpstreamRequiringAClientCertificateGets502WhenNoneIsConfigured() throws Exception {
    UpstreamTls trustOnly = UpstreamTls.builder().trustCertificates(tls.root.certificate()).build();
    try (MockWebServer upstream = tls.httpsUpstream(true);
        Gateway gateway = proxyAll(TestTls.httpsUrl(upstream), b -> b.upstreamTls(trustOnly));
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      problem(response, 502);
      assertThat(upstream.getRequestCount()).isZero();
    }
  }

  @Test
  void anUpstreamReachedUnderAnotherNameThanItsCertificatesGets502() throws Exception {
    UpstreamTls mutual = mutualFromPem();
    try (MockWebServer upstream = tls.httpsUpstream(false);
        // the certificate names localhost; the address is right, the name is not
        Gateway gateway =
            proxyAll("https://127.0.0.1:" + upstream.getPort(), b -> b.upstreamTls(mutual));
        Response response = gateway.handle(Request.of("GET", "/x"))) {
      problem(response, 502);
      assertThat(upstream.getRequestCount()).isZero();
    }
  }

  @Test
  void healthChecksUseTheSameTlsSettingsAsRequests() throws Exception {
    try (MockWebServer upstream = tls.httpsUpstream(true)) {
      Queue<RecordedRequest> seen =
          new ConcurrentLinkedQueue<>(); // checks and requests may arrive in any order
      upstream.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              seen.add(request);
              return text(200, request.getTarget());
            }
          });
      // No traffic before a passed check: a 200 through the route proves the check got through
      // mutual TLS.
      HealthCheck check =
          HealthCheck.builder("/health")
              .interval(Duration.ofMillis(50))
              .startHealthy(false)
              .healthyThreshold(1)
              .build();
      try (Gateway gateway =
          Gateway.builder()
              .upstreamTls(mutualFromPem())
              .upstream(
                  Upstream.builder("svc")
                      .instance(TestTls.httpsUrl(upstream))
                      .healthCheck(check)
                      .retry(RetryPolicy.none())
                      .build())
              .route("svc", r -> r.path("/svc/**").proxyToUpstream("svc"))
              .build()) {
        Poller.until(
            "the instance passed a check",
            Duration.ofSeconds(10),
            () -> Client.get(gateway, "/svc/a").status() == 200);
        assertThat(Client.get(gateway, "/svc/a").body()).isEqualTo("/svc/a");
      }
      assertThat(seen).extracting(RecordedRequest::getTarget).contains("/health", "/svc/a");
      assertThat(seen)
          .allSatisfy(
              request ->
                  assertThat(request.getHandshake().peerPrincipal())
                      .isEqualTo(tls.client.certificate().getSubjectX500Principal()));
    }
  }
}
