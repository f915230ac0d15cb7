package dev.frontdesk.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link Standalone}, read once and checked as a whole: every mistake is a
 * {@link UsageException} whose message names the option, so a typo never starts a gateway on a
 * default the operator did not mean.
 */
record StandaloneOptions(
    Path config,
    boolean check,
    String host,
    int port,
    @Nullable Integer httpsPort,
    @Nullable Path keyStore,
    char @Nullable [] keyStorePassword,
    @Nullable Integer adminPort,
    String adminHost,
    @Nullable Path adminKeyFile,
    Duration reloadEvery,
    Duration grace,
    Duration drainDelay,
    int threads) {

  /** The environment variable read for the key store password when no file is given. */
  static final String KEYSTORE_PASSWORD_ENV = "FRONTDESK_KEYSTORE_PASSWORD";

  static final String USAGE =
      """
      usage: java -jar frontdesk-standalone.jar --config FILE [options]
        --config FILE                 the gateway's YAML or JSON file (required)
        --check                       only validate FILE: print its problems, exit 0 (good) or 1
        --host ADDRESS                listen address (default 127.0.0.1; 0.0.0.0 for every interface)
        --port N                      HTTP port (default 8080; 0 picks a free one)
        --https-port N                also serve HTTPS with HTTP/2 on N; needs --keystore
        --keystore FILE               PKCS #12 or JKS key store with the server's key and certificate
        --keystore-password-file FILE its password (or the environment variable %s)
        --admin-port N                serve /health/live, /health/ready, /routes, /upstreams on N
        --admin-host ADDRESS          the admin listener's address (default 127.0.0.1)
        --admin-key-file FILE         API key (X-Api-Key) for /routes and /upstreams; without it they are
                                      open, which is allowed only on a loopback --admin-host. A file with
                                      an admin section (port, apiKey, metrics) needs none of these:
                                      --admin-port then only overrides admin.port
        --reload-every DURATION       how often the file is checked for changes (default 1s)
        --grace DURATION              on SIGTERM, how long requests in flight may take (default 30s)
        --drain-delay DURATION        on SIGTERM, report not ready for this long before stopping, so a
                                      load balancer takes the instance out first (default 0s)
        --threads N                   Jetty's maximum threads (default 200)
      DURATION: a whole number and a unit: 500ms, 1s, 2m
      """
          .formatted(KEYSTORE_PASSWORD_ENV);

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  /** A command line that cannot run: the message says which option and why. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Reads {@code args}; {@code env} gives the key store password when no file does. */
  static StandaloneOptions parse(String[] args, Function<String, @Nullable String> env)
      throws UsageException {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--check")) {
        check = true;
      } else if (VALUED.contains(arg)) {
        if (i + 1 >= args.length) {
          throw new UsageException(arg + " needs a value");
        }
        if (values.put(arg, args[++i]) != null) {
          throw new UsageException(arg + " is given twice");
        }
      } else {
        throw new UsageException("unknown option: " + arg);
      }
    }
    String config = values.get("--config");
    if (config == null) {
      throw new UsageException("--config FILE is required");
    }
    Integer httpsPort = port(values, "--https-port");
    Path keyStore = path(values, "--keystore");
    if ((httpsPort == null) != (keyStore == null)) {
      throw new UsageException(
          httpsPort == null
              ? "--keystore is only used with --https-port"
              : "--https-port needs --keystore FILE");
    }
    char[] password = keyStore == null ? null : password(values, env);
    Integer adminPort = port(values, "--admin-port");
    String adminHost = values.getOrDefault("--admin-host", "127.0.0.1");
    Path adminKeyFile = path(values, "--admin-key-file");
    if (adminPort == null && (adminKeyFile != null || values.containsKey("--admin-host"))) {
      throw new UsageException("--admin-host and --admin-key-file are only used with --admin-port");
    }
    if (adminPort != null && adminKeyFile == null && !isLoopback(adminHost)) {
      throw new UsageException(
          "--admin-host "
              + adminHost
              + " is reachable from other machines: give"
              + " --admin-key-file FILE, or keep the admin listener on 127.0.0.1");
    }
    Integer port = port(values, "--port");
    Integer threads = number(values, "--threads", 8, 10_000);
    Duration reloadEvery = duration(values, "--reload-every", "1s");
    if (reloadEvery.isZero()) {
      throw new UsageException("--reload-every must be more than 0");
    }
    return new StandaloneOptions(
        Path.of(config),
        check,
        values.getOrDefault("--host", "127.0.0.1"),
        port == null ? 8080 : port,
        httpsPort,
        keyStore,
        password,
        adminPort,
        adminHost,
        adminKeyFile,
        reloadEvery,
        duration(values, "--grace", "30s"),
        duration(values, "--drain-delay", "0s"),
        threads == null ? 200 : threads);
  }

  private static final java.util.Set<String> VALUED =
      java.util.Set.of(
          "--config",
          "--host",
          "--port",
          "--https-port",
          "--keystore",
          "--keystore-password-file",
          "--admin-port",
          "--admin-host",
          "--admin-key-file",
          "--reload-every",
          "--grace",
          "--drain-delay",
          "--threads");

  private static char[] password(Map<String, String> values, Function<String, @Nullable String> env)
      throws UsageException {
    Path file = path(values, "--keystore-password-file");
    if (file != null) {
      try {
        return java.nio.file.Files.readString(file).strip().toCharArray();
      } catch (java.io.IOException e) {
        throw new UsageException(
            "--keystore-password-file "
                + file
                + " cannot be read ("
                + e.getClass().getSimpleName()
                + ")");
      }
    }
    String fromEnv = env.apply(KEYSTORE_PASSWORD_ENV);
    if (fromEnv == null) {
      throw new UsageException(
          "--keystore needs its password: --keystore-password-file FILE or "
              + KEYSTORE_PASSWORD_ENV);
    }
    return fromEnv.toCharArray();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("[::1]");
  }

  private static @Nullable Path path(Map<String, String> values, String option) {
    String v = values.get(option);
    return v == null ? null : Path.of(v);
  }

  private static @Nullable Integer port(Map<String, String> values, String option)
      throws UsageException {
    return number(values, option, 0, 65535);
  }

  private static @Nullable Integer number(
      Map<String, String> values, String option, int min, int max) throws UsageException {
    String v = values.get(option);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new UsageException(
        option + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
  }

  private static Duration duration(Map<String, String> values, String option, String byDefault)
      throws UsageException {
    String v = values.getOrDefault(option, byDefault);
    Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new UsageException(
          option + " must be a duration such as 500ms, 1s or 2m, got '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
