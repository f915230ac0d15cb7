package dev.frontdesk.gateway.grpc;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.IOException;

/** Builds gateways in front of a {@link UsersServer} and calls them in process. */
final class GrpcTestSupport {
  /** The descriptor set the build makes from src/test/proto (imports and source info included). */
  static final String DESCRIPTORS = "grpc/test-services.pb";

  private GrpcTestSupport() {}

  static GrpcTranscoder.Builder transcoder(UsersServer server) {
    return GrpcTranscoder.builder()
        .descriptorSetResource(DESCRIPTORS)
        .target(server.target())
        .plaintext();
  }

  static Gateway gateway(GrpcTranscoder transcoder) {
    return Gateway.builder().group("/api", transcoder.routes()).build();
  }

  static Request json(String method, String target, String body) {
    return Request.builder()
        .method(method)
        .target(target)
        .header("Content-Type", "application/json")
        .body(Body.of(body))
        .build();
  }

  /** Calls the gateway and returns status and body, closing the response. */
  static Answer call(Gateway gateway, Request request) throws IOException {
    try (Response response = gateway.handle(request)) {
      return new Answer(
          response.status(), response.header("Content-Type"), response.body().string());
    }
  }

  record Answer(int status, String contentType, String body) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String detail() {
      return json().get("detail").getAsString();
    }
  }
}
