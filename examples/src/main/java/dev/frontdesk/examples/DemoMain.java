package dev.frontdesk.examples;

import dev.frontdesk.gateway.config.ConfigException;
import java.nio.file.Path;

/**
 * Runs the demo: {@code ./demo} or {@code java -jar examples/target/frontdesk-examples.jar
 * [--config examples/demo.yaml] [--port 8080] [--https-port 8443] [--admin-port 8081] [--host
 * 127.0.0.1]}; with {@code --config} the gateway is read from the file (the services still start
 * here). Prints the curl commands that work against it, then serves until stopped with Ctrl-C.
 */
public final class DemoMain {
  private DemoMain() {}

  /** Starts the demo and blocks. */
  public static void main(String[] args) throws Exception {
    int port = 8080;
    int httpsPort = 8443;
    int adminPort = 8081;
    String host = "127.0.0.1";
    String config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
        case "--https-port" -> httpsPort = Integer.parseInt(value(args, ++i, "--https-port"));
        case "--admin-port" -> adminPort = Integer.parseInt(value(args, ++i, "--admin-port"));
        case "--host" -> host = value(args, ++i, "--host");
        case "--config" -> config = value(args, ++i, "--config");
        default -> {
          System.err.println(
              "usage: demo [--config examples/demo.yaml] [--port 8080] [--https-port 8443] [--admin-port 8081]"
                  + " [--host 127.0.0.1]   (unknown option: "
                  + args[i]
                  + ")");
          System.exit(2);
        }
      }
    }
    Demo demo;
    try {
      demo =
          config == null
              ? Demo.start(host, port, httpsPort, adminPort)
              : Demo.startFromConfig(Path.of(config), host, port, httpsPort, adminPort);
    } catch (ConfigException e) {
      System.err.println(config + " has " + e.problems().size() + " problem(s); nothing started");
      e.problems().forEach(p -> System.err.println("  " + p));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(demo), "demo-shutdown"));
    DemoServices s = demo.services();
    System.out.println();
    if (config != null) {
      System.out.println(
          "The gateway below is read from " + config + "; the services run in this process.");
    }
    System.out.println(
        "Frontdesk demo gateway on "
            + demo.baseUri()
            + " and "
            + demo.httpsBaseUri()
            + " (HTTP/2 and HTTP/1.1 over TLS, self-signed certificate made at start; host "
            + host
            + ")");
    System.out.println("  /api/users/**    -> users service    " + s.usersUrl());
    System.out.println("  /api/orders/**   -> orders service   " + s.ordersUrl());
    System.out.println(
        "  /api/products/** -> products service, two instances in turn "
            + s.productsUrls()
            + " (also /api/recommendations)");
    System.out.println(
        "  /api/home        -> aggregation: profile + orders + recommendations in one answer");
    System.out.println(
        "  /api/legacy/users/* -> a service that speaks XML, answered as JSON (transform)");
    System.out.println(
        "  /grpc/demo.Greeter/Hello -> JSON to gRPC: POST {\"name\":\"ada\"} to an in-process gRPC service");
    System.out.println(
        "  /api/limited/**  -> products, rate limited to 5 requests per 10 s per client");
    System.out.println(
        "  /api/cached/products/** -> products through a response cache (30 s): see Cache-Status");
    System.out.println(
        "  /secure/users/*  -> users, needs a JWT with scope demo:read (POST /demo/token mints one)");
    System.out.println("  /partner/products/** -> products, needs X-Api-Key: " + DemoAuth.API_KEY);
    System.out.println("  /health          -> fixed response");
    System.out.println(
        "  /ws/echo         -> WebSocket echo service " + s.echoUrl() + " (any WebSocket client)");
    System.out.println();
    System.out.println("Try:");
    demo.curlLines().forEach(line -> System.out.println("  " + line));
    System.out.println("  " + demo.httpsCurlLine() + "   # HTTPS, HTTP/2");
    System.out.println("  " + demo.webSocketLine() + "   # WebSocket: type a line, get it back");
    System.out.println();
    System.out.println(
        "Operations: admin endpoints on "
            + demo.adminUri()
            + " (probes open, the rest need the admin key),"
            + " an access-log line per request below (logger frontdesk.access), Prometheus metrics, traceparent to every service:");
    demo.adminCurlLines().forEach(line -> System.out.println("  " + line));
    System.out.println();
    System.out.println("Ctrl-C stops it (gracefully: requests in flight finish).");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }

  private static void stop(Demo demo) {
    try {
      demo.close();
    } catch (RuntimeException e) {
      System.err.println("stopping the demo failed: " + e);
    }
  }
}
