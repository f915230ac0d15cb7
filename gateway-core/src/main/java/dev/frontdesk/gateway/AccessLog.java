package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.AccessLogLine;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request through SLF4J, on its own logger ({@value #LOGGER}, so it can be routed to
 * its own file), at INFO, written when the answer's last byte was handed to the client. JSON by
 * default; {@link Format#KEY_VALUE} for {@code key=value} pairs. Fields, in this order: {@code
 * time} (the request's arrival, ISO-8601 in UTC with milliseconds), {@code requestId}, {@code
 * client}, {@code method}, {@code path}, {@code query} (secret parameters' values replaced by
 * {@code REDACTED}), {@code route}, {@code status}, {@code upstream}, {@code instance}, {@code
 * attempts}, {@code upstreamMs} (time to the upstream's response headers, the last try), {@code
 * totalMs}, {@code bytesIn}, {@code bytesOut}, {@code subject} (the authenticated identity), {@code
 * consumer}, and, when the gateway answered itself, {@code reason} and {@code detail}; when the
 * body was not delivered whole, {@code incomplete}. Absent values are left out. Headers, cookies,
 * tokens and bodies are never logged.
 *
 * <pre>{@code
 * Gateway.builder().listener(AccessLog.json()) ...
 * // {"time":"2026-11-30T10:15:30.120Z","requestId":"4f2a...","client":"10.0.0.7","method":"GET",
 * //  "path":"/api/users/7","route":"users","status":200,"upstream":"users",...}
 * }</pre>
 */
public final class AccessLog implements GatewayListener {
  /** The logger name the lines are written to. */
  public static final String LOGGER = "frontdesk.access";

  /** Query parameters whose values are never logged, unless you choose others. */
  public static final Set<String> DEFAULT_SECRET_PARAMETERS =
      Set.of(
          "access_token",
          "id_token",
          "refresh_token",
          "token",
          "api_key",
          "apikey",
          "key",
          "password",
          "secret",
          "client_secret",
          "code");

  /** How a line is written. */
  public enum Format {
    /** One JSON object per line. */
    JSON,
    /** {@code key=value} pairs, values quoted when they hold spaces or quotes. */
    KEY_VALUE
  }

  private final Format format;
  private final Set<String> secretParameters;
  private final Logger log;

  private AccessLog(Format format, Set<String> secretParameters, Logger log) {
    this.format = format;
    this.secretParameters = secretParameters;
    this.log = log;
  }

  /** JSON lines, the default secret parameters. */
  public static AccessLog json() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ExchangeListener exchangeStarted(Request request) {
    if (!log.isInfoEnabled()) {
      return ExchangeListener.NONE;
    }
    return new Exchange(System.currentTimeMillis(), request);
  }

  /** Collects one request's fields as its events arrive; writes the line when it finishes. */
  private final class Exchange implements ExchangeListener {
    private final long time;
    private final Request received;
    private @Nullable Request routed;
    private @Nullable String route;
    private @Nullable Identity identity;
    private volatile @Nullable UpstreamAttempt attempt;
    private volatile long upstreamNanos = -1;
    private @Nullable GatewayException problem;

    Exchange(long time, Request received) {
      this.time = time;
      this.received = received;
    }

    @Override
    public void routed(Route route, Request request) {
      this.route = route.id();
      this.routed = request;
    }

    @Override
    public void targetReached(Request request) {
      this.identity = request.attribute(Attributes.IDENTITY);
    }

    @Override
    public void attemptFinished(
        UpstreamAttempt attempt, int status, java.io.@Nullable IOException failure, long nanos) {
      this.attempt = attempt;
      this.upstreamNanos = nanos;
    }

    @Override
    public void problem(GatewayException problem) {
      if (this.problem == null) {
        this.problem = problem; // the first is the cause; what follows reports it
      }
    }

    @Override
    public void finished(ExchangeOutcome outcome) {
      log.info(line(outcome));
    }

    private String line(ExchangeOutcome outcome) {
      Request r = routed != null ? routed : received;
      UpstreamAttempt a = attempt;
      String requestId = r.attribute(Attributes.REQUEST_ID);
      String client = r.attribute(Attributes.CLIENT_ADDRESS);
      if (client == null) {
        client = r.remoteAddress();
      }
      String query = AccessLogLine.redactedQuery(received.query(), secretParameters);
      AccessLogLine line =
          new AccessLogLine(
              format == Format.JSON,
              LINE_BASE
                  + length(requestId)
                  + client.length()
                  + received.path().length()
                  + length(query)
                  + length(route)
                  + (a != null ? a.upstream().length() + a.instance().length() : 0)
                  + (identity != null
                      ? identity.subject().length() + length(identity.consumerId())
                      : 0)
                  + (problem != null ? problem.detail().length() + 32 : 0));
      line.time("time", time)
          .text("requestId", requestId)
          .text("client", client)
          .text("method", r.method())
          .text("path", received.path())
          .text("query", query)
          .text("route", route)
          .number("status", outcome.status());
      if (a != null) {
        line.text("upstream", a.upstream())
            .text("instance", a.instance())
            .number("attempts", a.number())
            .millis("upstreamMs", upstreamNanos);
      }
      line.millis("totalMs", outcome.nanos())
          .number("bytesIn", outcome.bytesReceived())
          .number("bytesOut", outcome.bytesSent());
      if (identity != null) {
        line.text("subject", identity.subject()).text("consumer", identity.consumerId());
      }
      if (problem != null) {
        line.text("reason", problem.reason()).text("detail", problem.detail());
      }
      return line.text("incomplete", outcome.failure()).end();
    }
  }

  /**
   * A line's length without its variable values: keys, punctuation, time, numbers, and some room.
   */
  private static final int LINE_BASE = 256;

  private static int length(@Nullable String value) {
    return value == null ? 0 : value.length();
  }

  /**
   * Builds an {@link AccessLog}. Defaults: JSON, {@link #DEFAULT_SECRET_PARAMETERS}, logger {@value
   * #LOGGER}.
   */
  public static final class Builder {
    private Format format = Format.JSON;
    private Set<String> secretParameters = DEFAULT_SECRET_PARAMETERS;
    private String logger = LOGGER;

    private Builder() {}

    private final BuilderProblems problems = new BuilderProblems("accessLog: ");

    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Query parameters whose values are replaced by {@code REDACTED}, matched without regard to
     * case; replaces the defaults (add them back with {@link #DEFAULT_SECRET_PARAMETERS}).
     */
    public Builder secretParameters(Set<String> names) {
      TreeSet<String> lower = new TreeSet<>();
      for (String name : Objects.requireNonNull(names, "names")) {
        if (Objects.requireNonNull(name, "secret parameter name").isBlank()) {
          problems.add("secret parameter names must not be blank");
          return this;
        }
        lower.add(name.toLowerCase(Locale.ROOT));
      }
      this.secretParameters = Set.copyOf(lower);
      return this;
    }

    /** Another logger name than {@value #LOGGER}. */
    public Builder logger(String name) {
      if (Objects.requireNonNull(name, "name").isBlank()) {
        problems.add("logger name must not be blank");
      } else {
        this.logger = name;
      }
      return this;
    }

    /** The mistakes recorded so far; {@link #build()} reports them. */
    public java.util.List<String> problems() {
      return problems.list();
    }

    /**
     * The access log.
     *
     * @throws GatewayConfigException listing every value the setters refused
     */
    public AccessLog build() {
      problems.throwIfAny();
      return new AccessLog(format, secretParameters, LoggerFactory.getLogger(logger));
    }
  }
}
