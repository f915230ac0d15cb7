package dev.frontdesk.gateway.servlet.internal;

import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.Upgrade;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches a connection to the protocol a gateway's 101 answer carries (a WebSocket route's {@link
 * Upgrade}) with the Servlet 6 upgrade API, which Jetty 12 (ee10) and Tomcat 10.1 both implement:
 * {@code request.upgrade(...)} during the request, then, once the container has sent the 101,
 * {@link #init} with the connection's raw streams, read and written blocking on the gateway's own
 * threads. The container instantiates this class, hence public.
 */
public final class UpgradedConnection implements HttpUpgradeHandler {
  private static final Logger log = LoggerFactory.getLogger(UpgradedConnection.class);

  private volatile @Nullable Upgrade upgrade;
  private volatile boolean started;

  /** For the container, which makes the instance. */
  public UpgradedConnection() {}

  /**
   * Switches the connection when {@code response} is a 101 with an {@link Upgrade}: writes its
   * headers and asks the container to upgrade. False when there is nothing to switch to (the
   * response is then written as usual); an upgrade a middleware answered around is closed.
   */
  public static boolean switchIfAsked(
      Request request, Response response, HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    Upgrade upgrade = response.upgrade();
    if (upgrade == null) {
      return false;
    }
    if (response.status() != 101) {
      upgrade.close(); // a middleware answered something else: nothing will start it
      return false;
    }
    boolean jetty = resp.getClass().getName().startsWith("org.eclipse.jetty.");
    if (jetty && !servedByJettyEe10(req)) {
      // Jetty's other environments (ee9, ee11) are untested here, and their servlet upgrade has the
      // ee10 one's flaw (see JettyConnectionSwitch): refuse rather than half-work.
      upgrade.close();
      log.warn(
          "{} {} (id {}): WebSocket proxying on Jetty needs its ee10 environment; answering 501",
          request.method(),
          request.path(),
          response.requestId());
      try (Response refused =
          GatewayException.notImplemented(
                  "WebSocket proxying is not available on this server (Jetty 12 outside ee10)")
              .toResponse(response.requestId(), request.path())) {
        ServletExchange.write(request, refused, resp);
      }
      return true;
    }
    ServletExchange.copyHeaders(response, resp);
    if (jetty) {
      try {
        resp.setStatus(101);
        JettyConnectionSwitch.request(req, upgrade); // Jetty switches once the 101 is written
        return true;
      } catch (RuntimeException | LinkageError e) {
        upgrade.close();
        log.warn(
            "{} {} (id {}): Jetty would not switch the connection: {}",
            request.method(),
            request.path(),
            response.requestId(),
            e.toString());
        throw new IOException("the container refused the upgrade", e);
      }
    }
    try {
      req.upgrade(UpgradedConnection.class).upgrade =
          upgrade; // the container calls init after service returns
      return true;
    } catch (ServletException | IllegalStateException | UnsupportedOperationException e) {
      upgrade.close();
      log.warn(
          "{} {} (id {}): the container would not switch the connection: {}",
          request.method(),
          request.path(),
          response.requestId(),
          e.toString());
      throw new IOException("the container refused the upgrade", e);
    }
  }

  /**
   * Whether Jetty's ee10 servlet container serves {@code req}, whatever wraps it; a string test, so
   * that {@link JettyConnectionSwitch} (and Jetty) is loaded only on Jetty.
   */
  private static boolean servedByJettyEe10(HttpServletRequest req) {
    return req.getServletContext()
        .getClass()
        .getName()
        .startsWith("org.eclipse.jetty.ee10.servlet.");
  }

  @Override
  public void init(WebConnection connection) {
    Upgrade u = upgrade;
    if (u == null) {
      closeQuietly(connection);
      return;
    }
    try {
      started = true;
      u.start(
          connection.getInputStream(),
          connection.getOutputStream(),
          () -> closeQuietly(connection));
    } catch (IOException | RuntimeException e) {
      log.warn("the upgraded connection could not be started: {}", e.toString());
      u.close();
      closeQuietly(connection);
    }
  }

  /** Only an upgrade that never started is closed here: a started one ends on its own reads. */
  @Override
  public void destroy() {
    Upgrade u = upgrade;
    if (u != null && !started) {
      u.close();
    }
  }

  private static void closeQuietly(WebConnection connection) {
    try {
      connection.close();
    } catch (Exception e) {
      log.debug("closing an upgraded connection failed: {}", e.toString());
    }
  }
}
