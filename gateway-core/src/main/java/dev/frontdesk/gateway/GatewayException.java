package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.Problems;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy outcome that ends a request with an error status: thrown anywhere in a chain, it is
 * turned once, by the gateway, into an RFC 9457 {@code application/problem+json} response carrying
 * the request id, which the middleware around the thrower then sees as an ordinary response. Use a
 * status factory; its title is the status's reason phrase (RFC 9110 §15). Subclass it to add
 * behaviour (for example a {@code WWW-Authenticate} challenge).
 *
 * <pre>{@code
 * throw GatewayException.forbidden("scope orders:write is required");
 * throw GatewayException.tooManyRequests("slow down").withHeaders(Headers.of("Retry-After", "3"));
 * }</pre>
 */
public class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Headers headers;

  /**
   * @param status the HTTP status, 400 to 599; the title is its reason phrase
   * @param detail what went wrong for this request, safe to show the client (RFC 9457 §3.1.5)
   */
  public GatewayException(int status, String detail) {
    this(status, Problems.title(status), detail, Headers.empty(), null);
  }

  /**
   * @param status the HTTP status, 400 to 599
   * @param title a short, fixed summary of the problem type (RFC 9457 §3.1.4)
   * @param detail what went wrong for this request, safe to show the client (§3.1.5)
   */
  public GatewayException(int status, String title, String detail) {
    this(status, title, detail, Headers.empty(), null);
  }

  /** For subclasses: the title is the status's reason phrase; also headers and a cause. */
  protected GatewayException(
      int status, String detail, Headers headers, @Nullable Throwable cause) {
    this(status, Problems.title(status), detail, headers, cause);
  }

  /** The full form, for subclasses: also headers to add to the problem response, and a cause. */
  public GatewayException(
      int status, String title, String detail, Headers headers, @Nullable Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400..599: " + status);
    }
    this.status = status;
    this.title = Objects.requireNonNull(title, "title");
    this.headers = Objects.requireNonNull(headers, "headers");
  }

  /** 400: the request is malformed, for example an ambiguous path or a body that is not JSON. */
  public static GatewayException badRequest(String detail) {
    return new GatewayException(400, detail);
  }

  /** 401: no valid credentials; a challenge belongs in {@code WWW-Authenticate}. */
  public static GatewayException unauthorized(String detail) {
    return new GatewayException(401, detail);
  }

  /** 403: the credentials are valid but not enough. */
  public static GatewayException forbidden(String detail) {
    return new GatewayException(403, detail);
  }

  /** 404: nothing answers here. */
  public static GatewayException notFound(String detail) {
    return new GatewayException(404, detail);
  }

  /** 405 with the {@code Allow} header a 405 must carry (RFC 9110 §15.5.6). */
  public static GatewayException methodNotAllowed(String detail, String allow) {
    return new GatewayException(405, detail).withHeaders(Headers.of("Allow", allow));
  }

  /** 413: the request body is larger than a stated limit. */
  public static GatewayException contentTooLarge(String detail) {
    return new GatewayException(413, detail);
  }

  /** 414: the request target is longer than the gateway accepts. */
  public static GatewayException uriTooLong(String detail) {
    return new GatewayException(414, detail);
  }

  /** 429: a rate limit was reached; say when to retry in {@code Retry-After}. */
  public static GatewayException tooManyRequests(String detail) {
    return new GatewayException(429, detail);
  }

  /** 500: the gateway itself failed. */
  public static GatewayException internalError(String detail) {
    return new GatewayException(500, detail);
  }

  /** 501: the gateway does not support what the request asks for here. */
  public static GatewayException notImplemented(String detail) {
    return new GatewayException(501, detail);
  }

  /** 502: the upstream could not be reached or gave an unusable answer. */
  public static GatewayException badGateway(String detail) {
    return new GatewayException(502, detail);
  }

  /** 503: the gateway or an upstream cannot serve now (open circuit, overload, shutdown). */
  public static GatewayException serviceUnavailable(String detail) {
    return new GatewayException(503, detail);
  }

  /** 504: the upstream did not answer in time. */
  public static GatewayException gatewayTimeout(String detail) {
    return new GatewayException(504, detail);
  }

  /**
   * A copy with these headers added to the problem response (and this exception's cause). The copy
   * is a plain {@code GatewayException}: subclasses pass their headers to the constructor.
   */
  public GatewayException withHeaders(Headers added) {
    Headers all = headers.newBuilder().addAll(Objects.requireNonNull(added, "headers")).build();
    return new GatewayException(status, title, detail(), all, getCause());
  }

  /** A copy with this cause, for the log; the client never sees it. */
  public GatewayException withCause(Throwable cause) {
    return new GatewayException(
        status, title, detail(), headers, Objects.requireNonNull(cause, "cause"));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem's detail, as the client will read it. */
  public String detail() {
    return Objects.requireNonNull(getMessage());
  }

  /**
   * Why the gateway answered itself, as a short, stable code for logs and metrics (few distinct
   * values, safe as a metric tag): by default the status's title in snake case ({@code
   * too_many_requests}, {@code bad_gateway}, {@code not_found}); subclasses name finer reasons
   * ({@code invalid_token}, {@code missing_credentials}).
   */
  public String reason() {
    return Problems.reason(status);
  }

  /** Headers to add to the problem response, such as {@code Allow} or {@code Retry-After}. */
  public Headers headers() {
    return headers;
  }

  /**
   * This problem as the gateway answers it: {@code application/problem+json} with the status,
   * title, detail, {@code instance} and {@code requestId} members, {@code Cache-Control: no-store},
   * {@code X-Request-Id} and {@link #headers()}. For hosts that must answer a failure after the
   * gateway has returned (the servlet adapter's 502 when an upstream breaks before the response is
   * committed), so every problem the client sees has one shape.
   *
   * @param requestId the request's id ({@link Response#requestId()}); null leaves it out
   * @param instance the request path the problem is about (RFC 9457 §3.1.6); null leaves it out,
   *     for a request the host refused before it had a path it could trust (a malformed request
   *     line)
   */
  public Response toResponse(@Nullable String requestId, @Nullable String instance) {
    return Problems.response(this, requestId, instance);
  }
}
