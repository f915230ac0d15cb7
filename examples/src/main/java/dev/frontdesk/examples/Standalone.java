package dev.frontdesk.examples;

import dev.frontdesk.examples.StandaloneOptions.UsageException;
import dev.frontdesk.gateway.AdminEndpoints;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayHolder;
import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.config.ConfigException;
import dev.frontdesk.gateway.config.ConfigProblem;
import dev.frontdesk.gateway.config.ConfigReloader;
import dev.frontdesk.gateway.config.GatewayConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * The standalone gateway: serves a configuration file with no Java to write, {@code java -jar
 * examples/target/frontdesk-standalone.jar --config gateway.yaml} ({@code --help} lists the
 * options). It hosts the file's gateway on Jetty 12 with {@code GatewayServlet}, the fastest host
 * Frontdesk has (docs/benchmarks.md), reloads the file when it changes ({@link ConfigReloader}: a
 * broken file never replaces the running gateway) and, on SIGTERM, drains the requests in flight
 * before the process exits. {@code --check} only validates the file: exit 0 when good, 1 with every
 * located problem, and 2 for a bad command line.
 */
public final class Standalone implements AutoCloseable {
  /** What {@link #run} returns once the gateway serves: the process keeps running. */
  static final int SERVING = -1;

  private final StandaloneOptions options;
  private final ConfigReloader reloader;
  private final Server jetty;
  private final @Nullable Server adminJetty;
  private final @Nullable Gateway admin;

  /** Set at the start of a stop: readiness reports 503 while requests are still served. */
  private final AtomicBoolean draining;

  private Standalone(
      StandaloneOptions options,
      ConfigReloader reloader,
      Server jetty,
      @Nullable Server adminJetty,
      @Nullable Gateway admin,
      AtomicBoolean draining) {
    this.options = options;
    this.draining = draining;
    this.reloader = reloader;
    this.jetty = jetty;
    this.adminJetty = adminJetty;
    this.admin = admin;
  }

  /** Runs from the command line; exits with {@link #run}'s code unless the gateway serves. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != SERVING) {
      System.exit(code);
    }
  }

  /**
   * Checks or starts: returns 0 (a good file under {@code --check}), 1 (the file has problems, or
   * the gateway could not start), 2 (a bad command line), or {@link #SERVING} once the gateway
   * serves, with a shutdown hook that stops it gracefully.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(StandaloneOptions.USAGE);
      return 0;
    }
    StandaloneOptions options;
    try {
      options = StandaloneOptions.parse(args, System::getenv);
    } catch (UsageException e) {
      err.println("frontdesk: " + e.getMessage());
      err.print(StandaloneOptions.USAGE);
      return 2;
    }
    if (options.check()) {
      return check(options, out, err);
    }
    Standalone gateway;
    try {
      gateway = start(options);
    } catch (ConfigException e) {
      err.println(
          "frontdesk: "
              + options.config()
              + " has "
              + e.problems().size()
              + " problem(s); nothing started");
      e.problems().forEach(p -> err.println("  " + p));
      return 1;
    } catch (Exception e) {
      err.println("frontdesk: cannot start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "frontdesk-stop"));
    gateway.describe(out);
    return SERVING;
  }

  private static int check(StandaloneOptions options, PrintStream out, PrintStream err) {
    List<ConfigProblem> problems = GatewayConfig.defaults().check(options.config());
    if (problems.isEmpty()) {
      out.println(options.config() + ": OK");
      return 0;
    }
    err.println(options.config() + ": " + problems.size() + " problem(s)");
    problems.forEach(p -> err.println("  " + p));
    return 1;
  }

  private static @Nullable TlsListener tls(StandaloneOptions options) {
    Integer port = options.httpsPort();
    if (port == null) {
      return null;
    }
    // StandaloneOptions refuses --https-port without --keystore, and reads a password for a
    // keystore
    return TlsListener.keyStore(
        port,
        Objects.requireNonNull(options.keyStore(), "keyStore"),
        Objects.requireNonNull(options.keyStorePassword(), "keyStorePassword"));
  }

  /**
   * Reads the file and starts serving it (and the admin endpoints, when asked).
   *
   * @throws ConfigException when the file has problems: nothing was started
   */
  static Standalone start(StandaloneOptions options) throws Exception {
    String adminKey =
        options.adminKeyFile() == null ? null : Files.readString(options.adminKeyFile()).strip();
    TlsListener tls = tls(options);
    ConfigReloader reloader =
        ConfigReloader.start(GatewayConfig.defaults(), options.config(), options.reloadEvery());
    Server jetty = null;
    try {
      jetty =
          EmbedInJetty.start(
              reloader.holder(), options.host(), options.port(), options.threads(), tls);
      AtomicBoolean draining = new AtomicBoolean();
      Supplier<Gateway> served = served(reloader.holder(), draining);
      // The file's admin section (its key, the metrics scrape) when it has one; else --admin-port's
      // endpoints.
      Gateway admin =
          reloader
              .adminEndpoints(served)
              .orElseGet(() -> options.adminPort() == null ? null : admin(served, adminKey));
      Integer adminPort =
          options.adminPort() != null
              ? options.adminPort()
              : reloader.adminPort().isPresent()
                  ? Integer.valueOf(reloader.adminPort().getAsInt())
                  : null;
      Server adminJetty = null;
      if (admin != null && adminPort == null) {
        admin.close();
        admin = null; // described, but given no port to serve on
      } else if (admin != null && adminPort != null) {
        adminJetty = EmbedInJetty.start(admin, options.adminHost(), adminPort, 8);
      }
      return new Standalone(options, reloader, jetty, adminJetty, admin, draining);
    } catch (Exception | Error e) {
      if (jetty != null) {
        jetty.stop();
      }
      reloader.close();
      throw e;
    }
  }

  /**
   * What the admin endpoints report on: the gateway serving now; while draining, a gateway that is
   * shutting down, so that readiness turns 503 before Jetty stops taking requests.
   */
  private static Supplier<Gateway> served(GatewayHolder holder, AtomicBoolean draining) {
    Gateway notReady = Gateway.builder().build();
    notReady.close(); // a closed gateway is not accepting requests: what readiness reports while
    // draining
    return () -> draining.get() ? notReady : holder.current();
  }

  /** The admin endpoints of --admin-port, for a file without an admin section. */
  private static Gateway admin(Supplier<Gateway> served, @Nullable String key) {
    AdminEndpoints.Builder b = AdminEndpoints.builder(served);
    if (key == null) {
      b.allowUnauthenticated(); // only on a loopback address: StandaloneOptions refuses the rest
    } else {
      b.authentication(
          Authentication.required(
              ApiKeyAuthenticator.builder(
                      InMemoryApiKeyStore.builder()
                          .key(key, ApiConsumer.of("operator", "Operator", Set.of("admin")))
                          .build())
                  .build()));
    }
    return b.build();
  }

  private void describe(PrintStream out) {
    out.println(
        "Frontdesk standalone gateway serving "
            + options.config()
            + " ("
            + reloader.holder().current().routes().size()
            + " routes, reloaded when it changes) on Jetty + GatewayServlet:");
    out.println("  http://" + options.host() + ":" + port());
    if (options.httpsPort() != null) {
      out.println("  https://" + options.host() + ":" + tlsPort() + " (HTTP/2 and HTTP/1.1)");
    }
    if (adminJetty != null) {
      out.println("  admin: http://" + options.adminHost() + ":" + adminPort() + "/health/ready");
    }
    out.println(
        "SIGTERM or Ctrl-C stops it gracefully (grace " + options.grace().toSeconds() + " s).");
  }

  /** The HTTP port (useful after {@code --port 0}). */
  int port() {
    return EmbedInJetty.port(jetty);
  }

  int tlsPort() {
    return EmbedInJetty.tlsPort(jetty);
  }

  int adminPort() {
    if (adminJetty == null) {
      throw new IllegalStateException("no --admin-port");
    }
    return EmbedInJetty.port(adminJetty);
  }

  ConfigReloader reloader() {
    return reloader;
  }

  /**
   * Stops as a SIGTERM should: readiness turns 503 for the drain delay (a load balancer takes the
   * instance out while it still serves), then Jetty stops taking connections and lets requests in
   * flight finish for up to the grace period, then the gateway and the file watcher stop.
   *
   * @return true when every request in flight finished in time (a second call does nothing and
   *     returns true)
   */
  boolean stop() {
    if (!draining.compareAndSet(false, true)) {
      return true;
    }
    try {
      Thread.sleep(options.drainDelay().toMillis());
      boolean drained = EmbedInJetty.stop(jetty, options.grace(), reloader::shutdown);
      if (adminJetty != null && admin != null) {
        EmbedInJetty.stop(adminJetty, admin, Duration.ofSeconds(1));
      }
      return drained;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reloader.close();
      return false;
    } catch (Exception e) {
      reloader.close();
      throw new IllegalStateException("stopping Jetty failed: " + e, e);
    }
  }

  /** {@link #stop()}, logging instead of throwing: the shutdown hook's body. */
  @Override
  public void close() {
    try {
      if (!stop()) {
        System.err.println(
            "frontdesk: some requests were still in flight after "
                + options.grace().toSeconds()
                + " s");
      }
    } catch (RuntimeException e) {
      System.err.println("frontdesk: " + e.getMessage());
    }
  }
}
