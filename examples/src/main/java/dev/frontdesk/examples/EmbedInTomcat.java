package dev.frontdesk.examples;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.servlet.GatewayServlet;
import java.io.File;
import java.nio.file.Files;
import java.util.Objects;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Hosts a {@link Gateway} in embedded Tomcat 10.1: the same servlet, another container.
 *
 * <pre>{@code
 * Tomcat tomcat = EmbedInTomcat.start(gateway, 8080);
 * }</pre>
 *
 * <p>Run it to put the demo services behind Tomcat instead of Jetty:
 * {@code java -cp examples/target/frontdesk-examples.jar dev.frontdesk.examples.EmbedInTomcat [port]}.
 */
public final class EmbedInTomcat {
  private EmbedInTomcat() {}

  /** Starts Tomcat on loopback {@code port} ({@code 0} picks a free one), the gateway answering every path. */
  public static Tomcat start(Gateway gateway, int port) throws Exception {
    Objects.requireNonNull(gateway, "gateway");
    Tomcat tomcat = new Tomcat();
    File base = Files.createTempDirectory("frontdesk-tomcat").toFile();
    base.deleteOnExit();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = tomcat.getConnector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");

    Context context = tomcat.addContext("", base.getAbsolutePath());
    Tomcat.addServlet(context, "frontdesk", new GatewayServlet(gateway)).addMapping("/*");
    tomcat.start();
    return tomcat;
  }

  /** The port Tomcat listens on, useful after starting on port 0. */
  public static int port(Tomcat tomcat) {
    return tomcat.getConnector().getLocalPort();
  }

  /** Starts the demo services behind a gateway in Tomcat and serves until stopped. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    DemoServices services = DemoServices.start();
    Gateway gateway = Gateway.builder()
        .use(Middlewares.setResponseHeader("X-Served-By", "frontdesk-in-tomcat"))
        .route("users", r -> r.path("/api/users/**").use(Middlewares.stripPrefix(1)).to(services.usersUrl()))
        .build();
    Tomcat tomcat = start(gateway, port);
    System.out.println("Frontdesk in Tomcat on http://localhost:" + port(tomcat)
        + " - try: curl -i http://localhost:" + port(tomcat) + "/api/users/1");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(tomcat, gateway, services)));
    tomcat.getServer().await();
  }

  private static void stop(Tomcat tomcat, Gateway gateway, DemoServices services) {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      System.err.println("stopping Tomcat failed: " + e);
    } finally {
      gateway.close();
      services.close();
    }
  }
}
