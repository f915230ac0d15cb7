package dev.frontdesk.gateway.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Response;

/** Renders gateway errors as RFC 9457 {@code application/problem+json}. */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  /** The problem response for {@code e}; {@code instance} is the request path. */
  public static Response response(GatewayException e, String requestId, String instance) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", e.title());
    problem.put("status", e.status());
    problem.put("detail", e.detail());
    problem.put("instance", instance);
    problem.put("requestId", requestId);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(problem);
    } catch (java.io.IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    Response.Builder builder =
        Response.builder()
            .status(e.status())
            .header("Content-Type", CONTENT_TYPE)
            .header("Cache-Control", "no-store")
            .header("X-Request-Id", requestId)
            .body(Body.of(body));
    e.headers().forEach(builder::addHeader);
    return builder.build();
  }
}
