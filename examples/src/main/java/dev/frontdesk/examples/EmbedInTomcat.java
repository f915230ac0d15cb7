package dev.frontdesk.examples;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.servlet.GatewayServlet;
import dev.frontdesk.gateway.servlet.TomcatErrors;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Objects;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.jspecify.annotations.Nullable;

/**
 * Hosts a {@link Gateway} in embedded Tomcat 10.1: the same servlet, another container.
 *
 * <pre>{@code
 * Tomcat tomcat = EmbedInTomcat.start(gateway, 8080);
 * // or with an HTTPS listener (HTTP/2 and HTTP/1.1) on 8443 next to HTTP on 8080:
 * Tomcat tomcat = EmbedInTomcat.start(gateway, 8080, TlsListener.keyStore(8443, keyStoreFile, password));
 * }</pre>
 *
 * <p>Run it to put the demo services behind Tomcat instead of Jetty: {@code java -cp
 * examples/target/frontdesk-examples.jar dev.frontdesk.examples.EmbedInTomcat [port [httpsPort]]}
 * (HTTPS with a self-signed certificate made at start).
 */
public final class EmbedInTomcat {
  private EmbedInTomcat() {}

  /**
   * Starts Tomcat on loopback {@code port} ({@code 0} picks a free one), the gateway answering
   * every path. What Tomcat refuses itself (malformed requests) is answered as problem+json instead
   * of its HTML page with its name and version ({@link TomcatErrors}).
   */
  public static Tomcat start(Gateway gateway, int port) throws Exception {
    return start(gateway, port, null);
  }

  /**
   * As {@link #start(Gateway, int)}, plus an HTTPS listener when {@code tls} is given: TLS
   * terminates in Tomcat, and HTTP/2 is offered by ALPN next to HTTP/1.1 ({@link Http2Protocol} as
   * the connector's upgrade protocol).
   */
  public static Tomcat start(Gateway gateway, int port, @Nullable TlsListener tls)
      throws Exception {
    Objects.requireNonNull(gateway, "gateway");
    Tomcat tomcat = new Tomcat();
    File base = Files.createTempDirectory("frontdesk-tomcat").toFile();
    base.deleteOnExit();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = tomcat.getConnector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    if (tls != null) {
      tomcat.getService().addConnector(https(tls));
    }

    Context context = tomcat.addContext("", base.getAbsolutePath());
    // On stop Tomcat pauses its connectors, then waits this long for requests in the servlet.
    ((StandardContext) context).setUnloadDelay(EmbedInJetty.DEFAULT_GRACE.toMillis());
    Tomcat.addServlet(context, "frontdesk", new GatewayServlet(gateway)).addMapping("/*");
    TomcatErrors.install(tomcat);
    tomcat.start();
    return tomcat;
  }

  private static Connector https(TlsListener tls) {
    Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
    connector.setPort(tls.port());
    connector.setProperty("address", "127.0.0.1");
    connector.setScheme("https");
    connector.setSecure(true);
    connector.setProperty("SSLEnabled", "true");
    SSLHostConfig ssl = new SSLHostConfig();
    SSLHostConfigCertificate certificate =
        new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
    certificate.setCertificateKeystore(tls.keyStore());
    certificate.setCertificateKeystorePassword(new String(tls.password()));
    certificate.setCertificateKeyAlias(tls.alias());
    ssl.addCertificate(certificate);
    connector.addSslHostConfig(ssl);
    connector.addUpgradeProtocol(new Http2Protocol());
    return connector;
  }

  /** The port Tomcat listens on for HTTP, useful after starting on port 0. */
  public static int port(Tomcat tomcat) {
    return tomcat.getConnector().getLocalPort();
  }

  /** The port of the HTTPS listener, useful after starting it on port 0. */
  public static int tlsPort(Tomcat tomcat) {
    for (Connector connector : tomcat.getService().findConnectors()) {
      if (connector.getSecure()) {
        return connector.getLocalPort();
      }
    }
    throw new IllegalStateException("Tomcat has no HTTPS listener");
  }

  /**
   * Starts the demo services behind a gateway in Tomcat, on HTTP and HTTPS, and serves until
   * stopped.
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    int httpsPort = args.length > 1 ? Integer.parseInt(args[1]) : 8443;
    DemoServices services = DemoServices.start();
    Gateway gateway =
        Gateway.builder()
            .use(Middlewares.setResponseHeader("X-Served-By", "frontdesk-in-tomcat"))
            .route(
                "users",
                r ->
                    r.path("/api/users/**")
                        .use(Middlewares.stripPrefix(1))
                        .proxyTo(services.usersUrl()))
            .build();
    Tomcat tomcat = start(gateway, port, TlsListener.selfSigned(httpsPort));
    System.out.println(
        "Frontdesk in Tomcat on http://localhost:"
            + port(tomcat)
            + " - try: curl -i http://localhost:"
            + port(tomcat)
            + "/api/users/1");
    System.out.println(
        "and on https://localhost:"
            + tlsPort(tomcat)
            + " (HTTP/2, self-signed certificate)"
            + " - try: curl -k --http2 -i https://localhost:"
            + tlsPort(tomcat)
            + "/api/users/1");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, gateway, services)));
    tomcat.getServer().await();
  }

  /**
   * Stops gracefully, as a SIGTERM should: the gateway reports not ready, Tomcat stops accepting
   * (it pauses its connectors), the requests in the servlet finish for up to {@code grace}, then
   * Tomcat stops and the gateway closes its upstream client, health checks and owned middleware.
   *
   * @return true when the gateway saw every request finish in time
   */
  public static boolean stop(Tomcat tomcat, Gateway gateway, Duration grace)
      throws LifecycleException {
    long end = System.nanoTime() + grace.toNanos();
    for (Container child : tomcat.getHost().findChildren()) {
      ((StandardContext) child).setUnloadDelay(Math.max(1, grace.toMillis()));
    }
    tomcat.stop();
    tomcat.destroy();
    return gateway.shutdown(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
  }

  private static void stop(Tomcat tomcat, Gateway gateway, DemoServices services) {
    try {
      stop(tomcat, gateway, EmbedInJetty.DEFAULT_GRACE);
    } catch (LifecycleException e) {
      System.err.println("stopping Tomcat failed: " + e);
    } finally {
      gateway.close();
      services.close();
    }
  }
}
