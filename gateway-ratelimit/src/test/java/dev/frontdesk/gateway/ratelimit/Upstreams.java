package dev.frontdesk.gateway.ratelimit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** Test helpers: an upstream that always answers 200, and reading problem bodies. */
final class Upstreams {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Upstreams() {}

  static MockWebServer alwaysOk() throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).body("ok").build();
      }
    });
    server.start();
    return server;
  }

  /** Reads and closes the response; returns the problem+json body as a tree. */
  static JsonNode problem(Response response) throws IOException {
    try (response) {
      return JSON.readTree(response.body().string());
    }
  }

  /** Reads and closes the response, returning its status. */
  static int status(Response response) throws IOException {
    try (response) {
      response.body().string();
      return response.status();
    }
  }
}
