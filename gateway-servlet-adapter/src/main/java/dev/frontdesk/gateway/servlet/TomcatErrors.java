package dev.frontdesk.gateway.servlet;

import dev.frontdesk.gateway.servlet.internal.TomcatProblemValve;
import java.util.Objects;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Makes embedded Tomcat 10.1 answer the requests it refuses itself, before the gateway runs, with
 * the gateway's problem+json instead of its HTML error page, which names Tomcat and its version:
 * one call before {@code tomcat.start()}.
 *
 * <pre>{@code
 * Tomcat tomcat = new Tomcat();
 * ... the connector, the GatewayServlet's context ...
 * TomcatErrors.install(tomcat);
 * tomcat.start();
 * }</pre>
 *
 * <p>What Tomcat refuses with its own status (400 for a malformed request line, duplicate or
 * invalid {@code Content-Length}, a bad chunk size, an undecodable or ambiguous URI, oversized
 * headers; 505 for an unknown HTTP version) is then answered with a body holding {@code type},
 * {@code title}, {@code status} and a generic {@code detail}, never Tomcat's message, the URI or a
 * version. Tomcat sends no {@code Server} header unless its connector is given one.
 *
 * <p>Needs {@code org.apache.tomcat.embed:tomcat-embed-core} 10.1, which the adapter declares
 * {@code provided} and optional: this class is loaded only when called, so {@link GatewayServlet}
 * and {@link GatewayFilter} keep working in any container without Tomcat on the class path.
 */
public final class TomcatErrors {
  private TomcatErrors() {}

  /**
   * Replaces the error report valve of every host {@code tomcat} has (creating its default host if
   * it has none yet) with one that writes problem+json.
   */
  public static void install(Tomcat tomcat) {
    Objects.requireNonNull(tomcat, "tomcat");
    tomcat.getHost(); // makes the default host, where Tomcat reports what it cannot map elsewhere
    for (Container child : tomcat.getEngine().findChildren()) {
      if (child instanceof Host host) {
        install(host);
      }
    }
  }

  private static void install(Host host) {
    Pipeline pipeline = host.getPipeline();
    boolean installed = false;
    for (Valve valve : pipeline.getValves()) {
      if (valve instanceof TomcatProblemValve) {
        installed = true;
      } else if (valve instanceof ErrorReportValve) {
        pipeline.removeValve(valve);
      }
    }
    if (!installed) {
      pipeline.addValve(new TomcatProblemValve());
    }
    if (host instanceof StandardHost standard) {
      // At start a host adds a valve of this class unless it finds one: else it would add the HTML
      // one.
      standard.setErrorReportValveClass(TomcatProblemValve.class.getName());
    }
  }
}
