package dev.frontdesk.gateway.servlet.streaming;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.servlet.GatewayServlet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A gateway in its own JVM for the large-body test, which starts it with a small heap: Jetty with
 * {@link GatewayServlet} at {@code /*}, every path routed to the upstream URL in {@code args[0]}.
 * Prints {@code PORT <n>} once listening; stops when its standard input closes, printing the heap's
 * peak use, and exits 0.
 */
public final class StreamingGatewayMain {
  private StreamingGatewayMain() {}

  public static void main(String[] args) throws Exception {
    Gateway gateway = Gateway.builder().route("all", r -> r.path("/**").proxyTo(args[0])).build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new GatewayServlet(gateway)), "/*");
    server.setHandler(context);
    server.start();
    System.out.println("PORT " + connector.getLocalPort());
    System.out.flush();
    while (System.in.read() != -1) {
      // the test closes our stdin when it is done
    }
    server.stop();
    gateway.close();
    System.out.println("PEAK_HEAP_BYTES " + peakHeapBytes());
    System.out.println("MAX_HEAP_BYTES " + Runtime.getRuntime().maxMemory());
    System.out.flush();
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
