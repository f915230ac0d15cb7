package dev.frontdesk.gateway.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute names the spans carry: the stable OpenTelemetry HTTP semantic conventions (v1.23
 * and later), written out here rather than pulled from the semconv artifact, which would be one
 * more dependency for a dozen constants; and Frontdesk's own, under {@code frontdesk.}.
 */
public final class SpanAttributes {
  public static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");
  public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  public static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  public static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT =
      AttributeKey.longKey("http.request.resend_count");
  public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  public static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
  public static final AttributeKey<String> CLIENT_ADDRESS =
      AttributeKey.stringKey("client.address");
  public static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  public static final AttributeKey<String> USER_AGENT_ORIGINAL =
      AttributeKey.stringKey("user_agent.original");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /**
   * The gateway's request id, as sent upstream in {@code X-Request-Id} and put in problem bodies.
   */
  public static final AttributeKey<String> REQUEST_ID =
      AttributeKey.stringKey("frontdesk.request_id");

  /** The id of the route that matched; {@code http.route} holds its path pattern. */
  public static final AttributeKey<String> ROUTE_ID = AttributeKey.stringKey("frontdesk.route_id");

  /** The upstream's name, on client spans. */
  public static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("frontdesk.upstream");

  /** The instance's URL as declared, on client spans. */
  public static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("frontdesk.instance");

  /** Why the answer's body was not delivered whole, on server spans. */
  public static final AttributeKey<String> INCOMPLETE =
      AttributeKey.stringKey("frontdesk.incomplete");

  /**
   * Statuses 100..599 boxed once: {@code Long.valueOf} keeps only -128..127, so each span would box
   * its own.
   */
  private static final Long[] STATUSES = new Long[600];

  static {
    for (int i = 100; i < STATUSES.length; i++) {
      STATUSES[i] = (long) i;
    }
  }

  private SpanAttributes() {}

  /**
   * An HTTP status as {@code http.response.status_code} takes it, boxed once for the valid ones.
   */
  public static Long status(int status) {
    return status >= 100 && status < STATUSES.length ? STATUSES[status] : Long.valueOf(status);
  }
}
