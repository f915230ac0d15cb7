package dev.frontdesk.gateway;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy outcome that ends a request with an error status: thrown anywhere in a chain, it is
 * turned once, by the gateway, into an RFC 9457 {@code application/problem+json} response carrying
 * the request id. Subclass it to add headers (for example {@code WWW-Authenticate}).
 *
 * <pre>{@code
 * throw new GatewayException(403, "Forbidden", "scope orders:write is required");
 * }</pre>
 */
public class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Headers headers;

  /**
   * @param status the HTTP status, 400 to 599
   * @param title a short, fixed summary of the problem type (RFC 9457 §3.1.4)
   * @param detail what went wrong for this request, safe to show the client (§3.1.5)
   */
  public GatewayException(int status, String title, String detail) {
    this(status, title, detail, Headers.empty(), null);
  }

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

  /** Headers to add to the problem response, such as {@code Allow} or {@code Retry-After}. */
  public Headers headers() {
    return headers;
  }
}
