import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * The cheapest answer Jetty 12 gives without a servlet: a core handler that writes the backend's
 * small JSON body, with Jetty's default thread pool. Not part of Frontdesk; bench/floor.sh runs it
 * (java's source launcher, Jetty from the examples jar) to measure the bound on a cache hit.
 *
 * <p>{@code java -cp examples/target/frontdesk-examples.jar bench/FixedAnswer.java PORT
 * [non-blocking|blocking]}: non-blocking answers on the selector thread, blocking is dispatched to
 * a pool thread as a servlet request is.
 */
public final class FixedAnswer {
  private static final byte[] BODY =
      ("{\"id\":12345,\"name\":\"benchmark-item\",\"status\":\"active\",\"tags\":[\"alpha\",\"beta\","
              + "\"gamma\"],\"price\":19.99,\"currency\":\"EUR\",\"stock\":42,\"updated\":"
              + "\"2025-01-01T00:00:00Z\",\"description\":\"fixed small json body for gw bench\"}")
          .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean blocking = args.length > 1 && args[1].equals("blocking");
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendDateHeader(false);
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(blocking ? new Blocking() : new NonBlocking());
    server.start();
    System.out.println("fixed answer on :" + port + (blocking ? " (blocking)" : " (non-blocking)"));
    server.join();
  }

  private static boolean answer(Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
    response.write(true, ByteBuffer.wrap(BODY), callback);
    return true;
  }

  private static final class NonBlocking extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      return answer(response, callback);
    }
  }

  private static final class Blocking extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      return answer(response, callback);
    }
  }
}
