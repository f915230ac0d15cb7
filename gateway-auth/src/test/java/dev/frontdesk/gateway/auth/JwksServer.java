package dev.frontdesk.gateway.auth;

import io.jsonwebtoken.security.Jwks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An identity provider's JWKS endpoint (a real MockWebServer) whose key set and status tests
 * change.
 */
final class JwksServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<String> targets = new CopyOnWriteArrayList<>();
  private volatile String body = "{\"keys\":[]}";
  private volatile int code = 200;

  JwksServer() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            targets.add(request.getTarget());
            return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves these public keys under their kids. */
  JwksServer keys(Map<String, PublicKey> keys) {
    List<String> jwks = new ArrayList<>();
    keys.forEach((kid, key) -> jwks.add(Jwks.json(Jwks.builder().key(key).id(kid).build())));
    return json("{\"keys\":[" + String.join(",", jwks) + "]}");
  }

  JwksServer json(String json) {
    this.body = json;
    this.code = 200;
    return this;
  }

  /** Answers every fetch with this status (500: the identity provider is down). */
  JwksServer failWith(int status) {
    this.code = status;
    return this;
  }

  String url() {
    return server.url("/jwks.json").toString();
  }

  int fetches() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }
}
