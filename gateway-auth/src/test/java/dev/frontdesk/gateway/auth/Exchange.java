package dev.frontdesk.gateway.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.io.UncheckedIOException;

/** What a client got from {@link Gateway#handle}: status, headers and the body read in full. */
record Exchange(int status, Headers headers, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Exchange send(Gateway gateway, Request request) {
    try (Response response = gateway.handle(request)) {
      return new Exchange(
          response.status(),
          response.headers(),
          new String(response.body().bytes(1 << 20), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String header(String name) {
    return headers.get(name);
  }

  JsonNode problem() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
