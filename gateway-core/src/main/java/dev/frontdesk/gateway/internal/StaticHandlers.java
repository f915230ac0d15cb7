package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Handler;
import dev.frontdesk.gateway.Response;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Targets that answer without an upstream: a fixed response, a redirect. */
public final class StaticHandlers {
  private StaticHandlers() {}

  public static Handler fixed(int status, @Nullable String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new Handler() {
      @Override
      public Response handle(dev.frontdesk.gateway.Request request) {
        Response.Builder b = Response.builder().status(status).body(Body.of(bytes));
        if (contentType != null) {
          b.header("Content-Type", contentType);
        }
        return b.build();
      }

      @Override
      public String toString() {
        return "respond(" + status + ")";
      }
    };
  }

  public static Handler redirect(int status, String location) {
    return new Handler() {
      @Override
      public Response handle(dev.frontdesk.gateway.Request request) {
        return Response.builder().status(status).header("Location", location).build();
      }

      @Override
      public String toString() {
        return "redirect(" + status + ", " + location + ")";
      }
    };
  }
}
