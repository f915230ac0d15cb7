package dev.frontdesk.gateway.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Response;
import org.jspecify.annotations.Nullable;

/**
 * Renders gateway errors as RFC 9457 {@code application/problem+json}, and names their statuses:
 * the one renderer and the one title table, for core and (through {@link
 * GatewayException#toResponse}) the host adapters.
 */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  /**
   * The problem response for {@code e}; {@code instance} is the request path, null to leave it out.
   */
  public static Response response(
      GatewayException e, @Nullable String requestId, @Nullable String instance) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", e.title());
    problem.put("status", e.status());
    problem.put("detail", e.detail());
    if (instance != null) {
      problem.put("instance", instance);
    }
    if (requestId != null) {
      problem.put("requestId", requestId);
    }
    Response.Builder builder =
        Response.builder()
            .status(e.status())
            .header("Content-Type", CONTENT_TYPE)
            .header("Cache-Control", "no-store")
            .body(Body.of(bytes(problem)));
    if (requestId != null) {
      builder.header("X-Request-Id", requestId);
    }
    e.headers().forEach(builder::addHeader);
    return builder.build();
  }

  private static byte[] bytes(ObjectNode problem) {
    try {
      return JSON.writeValueAsBytes(problem);
    } catch (java.io.IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** The default {@link GatewayException#reason()}: the status's title in snake case. */
  public static String reason(int status) {
    return title(status).toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
  }

  /**
   * The reason phrase of an error status (RFC 9110 §15, 429 and 431 from RFC 6585), the title of
   * its problem; a status without one gets its class's name.
   */
  public static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 407 -> "Proxy Authentication Required";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 411 -> "Length Required";
      case 412 -> "Precondition Failed";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      case 417 -> "Expectation Failed";
      case 421 -> "Misdirected Request";
      case 422 -> "Unprocessable Content";
      case 426 -> "Upgrade Required";
      case 428 -> "Precondition Required";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> status < 500 ? "Client Error" : "Server Error";
    };
  }
}
