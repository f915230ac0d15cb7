package dev.frontdesk.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Certificates made in the test, and HTTPS upstreams that use them: a root CA, a server certificate
 * for {@code localhost} and a client certificate, both signed by the root. Shared with the other
 * modules through gateway-core's test-jar.
 *
 * <pre>{@code
 * TestTls tls = new TestTls();
 * try (MockWebServer upstream = tls.httpsUpstream(true)) { // requires a client certificate
 *   ... "https://localhost:" + upstream.getPort() ...
 *   assertThat(take(upstream).getHandshake().peerPrincipal()).isEqualTo(tls.client.certificate().getSubjectX500Principal());
 * }
 * }</pre>
 */
public final class TestTls {
  /** The certificate authority that signed both certificates below. */
  public final HeldCertificate root =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("test root").build();

  /** The upstream's certificate, for the name {@code localhost} only. */
  public final HeldCertificate localhost =
      new HeldCertificate.Builder()
          .addSubjectAlternativeName("localhost")
          .commonName("localhost")
          .signedBy(root)
          .build();

  /** The gateway's client certificate. */
  public final HeldCertificate client =
      new HeldCertificate.Builder().commonName("frontdesk-gateway").signedBy(root).build();

  /**
   * A started HTTPS MockWebServer with the {@code localhost} certificate; with {@code
   * requireClientAuth} it refuses clients without a certificate signed by {@link #root}.
   */
  public MockWebServer httpsUpstream(boolean requireClientAuth) {
    MockWebServer server = new MockWebServer();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(localhost)
            .addTrustedCertificate(root.certificate())
            .build()
            .sslSocketFactory());
    if (requireClientAuth) {
      server.requireClientAuth();
    }
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /**
   * The server's base URL under the name its certificate is for: {@code https://localhost:port}.
   */
  public static String httpsUrl(MockWebServer server) {
    return "https://localhost:" + server.getPort();
  }

  /** Writes {@code pem} to {@code dir/name} and returns the file. */
  public static Path write(Path dir, String name, String pem) {
    try {
      return Files.writeString(dir.resolve(name), pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
