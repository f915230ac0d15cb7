package dev.frontdesk.gateway.micrometer.internal;

/**
 * Meter names and tag keys (OpenTelemetry HTTP semantic conventions where one exists, in
 * Micrometer's dotted form), and the rules that keep tag values few whatever a client sends.
 */
public final class Tagging {
  public static final String SERVER_DURATION = "http.server.request.duration";
  public static final String SERVER_ACTIVE = "http.server.active_requests";
  public static final String SERVER_REQUEST_BODY = "http.server.request.body.size";
  public static final String SERVER_RESPONSE_BODY = "http.server.response.body.size";
  public static final String CLIENT_DURATION = "http.client.request.duration";
  public static final String RETRIES = "frontdesk.upstream.retries";
  public static final String BUDGET_EXHAUSTED = "frontdesk.upstream.retry_budget.exhausted";
  public static final String EJECTIONS = "frontdesk.upstream.ejections";
  public static final String READMISSIONS = "frontdesk.upstream.readmissions";
  public static final String CIRCUIT_STATE = "frontdesk.circuit.state";
  public static final String CIRCUIT_OPENED = "frontdesk.circuit.opened";
  public static final String REJECTED = "frontdesk.requests.rejected";

  public static final String METHOD = "http.request.method";
  public static final String ROUTE = "http.route";
  public static final String STATUS_CODE = "http.response.status_code";
  public static final String OUTCOME = "outcome";
  public static final String ERROR_TYPE = "error.type";
  public static final String UPSTREAM = "upstream";
  public static final String INSTANCE = "instance";
  public static final String REASON = "reason";
  public static final String STATUS = "status";

  /** Tag keys the meters set themselves, which a common tag may not reuse. */
  public static final java.util.Set<String> OWN_KEYS =
      java.util.Set.of(
          METHOD, ROUTE, STATUS_CODE, OUTCOME, ERROR_TYPE, UPSTREAM, INSTANCE, REASON, STATUS);

  /**
   * The value of a tag that does not apply to this measurement (Prometheus wants every key on every
   * series).
   */
  static final String NONE = "none";

  /** The route tag of a request no route matched, or that was refused before routing. */
  static final String UNMATCHED = "unmatched";

  /** The instance tag of a circuit breaker that covers a whole upstream. */
  static final String ALL_INSTANCES = "all";

  /** The reason tag once {@link #MAX_REASONS} distinct reasons have been seen. */
  static final String OTHER_REASON = "other";

  /**
   * Reasons are codes from our own exceptions, but a subclass could make one per request: cap them.
   */
  static final int MAX_REASONS = 64;

  /**
   * Methods as tag values, by slot: the standard methods (RFC 9110 §9, RFC 5789) and {@code _OTHER}
   * for any other token a client sends, as the OpenTelemetry conventions do.
   */
  static final String[] METHODS = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "_OTHER"
  };

  private Tagging() {}

  /** The slot in {@link #METHODS} of a request's method. */
  static int methodSlot(String method) {
    return switch (method) {
      case "GET" -> 0;
      case "HEAD" -> 1;
      case "POST" -> 2;
      case "PUT" -> 3;
      case "DELETE" -> 4;
      case "CONNECT" -> 5;
      case "OPTIONS" -> 6;
      case "TRACE" -> 7;
      case "PATCH" -> 8;
      default -> 9;
    };
  }

  /** The status's class in the words Spring's {@code http.server.requests} uses. */
  static String outcome(int status) {
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    } else if (status >= 200 && status < 300) {
      return "SUCCESS";
    } else if (status >= 300 && status < 400) {
      return "REDIRECTION";
    } else if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    } else if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }

  /**
   * An exception's type as {@code error.type}: its simple name, or its full name when it has none.
   */
  static String errorType(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple;
  }
}
