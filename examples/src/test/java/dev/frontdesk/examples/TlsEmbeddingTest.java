package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Gateway;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS terminated in the embedded containers: a real OkHttp client that trusts only the listener's
 * self-signed certificate negotiates HTTP/2 by ALPN (and HTTP/1.1 when it offers nothing else), and
 * the demo service behind the gateway sees the request as {@code https}.
 */
class TlsEmbeddingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A client that trusts {@code certificate} alone and offers {@code protocols} by ALPN. */
  static OkHttpClient client(X509Certificate certificate, Protocol... protocols) {
    HandshakeCertificates trust =
        new HandshakeCertificates.Builder().addTrustedCertificate(certificate).build();
    return new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .protocols(List.of(protocols))
        .callTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** A container with the gateway on HTTP and HTTPS; closing stops it. */
  private interface Hosted extends AutoCloseable {
    int tlsPort();

    void stop() throws Exception;

    @Override
    default void close() {
      try {
        stop();
      } catch (Exception e) {
        throw new IllegalStateException("stopping the container failed", e);
      }
    }
  }

  private static Hosted host(String container, Gateway gateway, TlsListener tls) throws Exception {
    if (container.equals("jetty")) {
      Server jetty = EmbedInJetty.start(gateway, "127.0.0.1", 0, 50, tls);
      return new Hosted() {
        @Override
        public int tlsPort() {
          return EmbedInJetty.tlsPort(jetty);
        }

        @Override
        public void stop() throws Exception {
          jetty.stop();
        }
      };
    }
    Tomcat tomcat = EmbedInTomcat.start(gateway, 0, tls);
    return new Hosted() {
      @Override
      public int tlsPort() {
        return EmbedInTomcat.tlsPort(tomcat);
      }

      @Override
      public void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void anHttp2ClientIsServedOverTlsAndTheServiceSeesHttps(String container) throws Exception {
    TlsListener tls = TlsListener.selfSigned(0);
    try (DemoServices services = DemoServices.start();
        Gateway gateway = Demo.gateway(services);
        Hosted hosted = host(container, gateway, tls)) {
      OkHttpClient client = client(tls.certificate(), Protocol.HTTP_2, Protocol.HTTP_1_1);
      String url = "https://localhost:" + hosted.tlsPort() + "/api/users/1";
      try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(response.protocol()).isEqualTo(Protocol.HTTP_2);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.header("X-Served-By")).isEqualTo("frontdesk-demo");
        assertThat(response.handshake().peerPrincipal())
            .isEqualTo(tls.certificate().getSubjectX500Principal());
        JsonNode body = JSON.readTree(response.body().string());
        assertThat(body.at("/data/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(body.at("/seenByService/path").asText()).isEqualTo("/users/1");
        assertThat(body.at("/seenByService/X-Forwarded-Proto").asText()).isEqualTo("https");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void aClientOfferingOnlyHttp11GetsHttp11OnTheSameListener(String container) throws Exception {
    TlsListener tls = TlsListener.selfSigned(0);
    try (DemoServices services = DemoServices.start();
        Gateway gateway = Demo.gateway(services);
        Hosted hosted = host(container, gateway, tls)) {
      OkHttpClient client = client(tls.certificate(), Protocol.HTTP_1_1);
      String url = "https://localhost:" + hosted.tlsPort() + "/api/orders/101";
      try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
        assertThat(response.protocol()).isEqualTo(Protocol.HTTP_1_1);
        assertThat(response.code()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body().string());
        assertThat(body.at("/data/product").asText()).isEqualTo("11");
        assertThat(body.at("/seenByService/path").asText()).isEqualTo("/orders/101");
        assertThat(body.at("/seenByService/X-Forwarded-Proto").asText()).isEqualTo("https");
      }
    }
  }
}
