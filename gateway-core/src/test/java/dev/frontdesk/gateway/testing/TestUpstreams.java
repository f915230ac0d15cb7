package dev.frontdesk.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Fixtures for tests that put a {@link Gateway} in front of a MockWebServer upstream, shared with
 * the other modules through gateway-core's test-jar.
 *
 * <pre>{@code
 * try (MockWebServer upstream = TestUpstreams.started();
 *     Gateway gateway = TestUpstreams.proxyAll(upstream, b -> {})) {
 *   upstream.enqueue(TestUpstreams.text(200, "hi"));
 *   ...
 *   RecordedRequest seen = TestUpstreams.take(upstream);
 * }
 * }</pre>
 */
public final class TestUpstreams {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestUpstreams() {}

  /** A started MockWebServer on a random loopback port. */
  public static MockWebServer started() {
    MockWebServer server = new MockWebServer();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /** A started MockWebServer that answers every request with 200 {@code ok}. */
  public static MockWebServer alwaysOk() {
    return alwaysOk("ok");
  }

  /**
   * A started MockWebServer that answers every request with 200 and this body; it records them all.
   */
  public static MockWebServer alwaysOk(String body) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(200).body(body).build();
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  /** The server's base URL without a trailing slash, such as {@code http://127.0.0.1:40123}. */
  public static String baseUrl(MockWebServer server) {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /**
   * A gateway whose route {@code all} proxies {@code /**} to {@code server}; {@code more} adds
   * settings.
   */
  public static Gateway proxyAll(MockWebServer server, Consumer<Gateway.Builder> more) {
    return proxyAll(baseUrl(server), more);
  }

  /**
   * A gateway whose route {@code all} proxies {@code /**} to {@code url}; {@code more} adds
   * settings.
   */
  public static Gateway proxyAll(String url, Consumer<Gateway.Builder> more) {
    Gateway.Builder builder = Gateway.builder().route("all", r -> r.path("/**").proxyTo(url));
    more.accept(builder);
    return builder.build();
  }

  /** A response with a {@code text/plain} body. */
  public static MockResponse text(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "text/plain")
        .body(body)
        .build();
  }

  /** The next request the server received, failing after 5 s instead of hanging. */
  public static RecordedRequest take(MockWebServer server) {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request).as("a request reached the upstream within 5 s").isNotNull();
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Reads and closes the response; returns its (problem+json) body as a tree, asserting nothing.
   */
  public static JsonNode problem(Response response) throws IOException {
    try (response) {
      return JSON.readTree(response.body().string());
    }
  }

  /** Reads and closes the response, returning its status. */
  public static int status(Response response) throws IOException {
    try (response) {
      response.body().string();
      return response.status();
    }
  }

  /**
   * Asserts that {@code response} is an RFC 9457 problem with this status and returns its JSON;
   * also checks that the body's {@code requestId} equals the {@code X-Request-Id} header.
   */
  public static JsonNode problem(Response response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    try {
      JsonNode problem = JSON.readTree(response.body().string());
      assertThat(problem.path("status").asInt()).isEqualTo(status);
      assertThat(problem.path("requestId").asText())
          .isNotEmpty()
          .isEqualTo(response.header("X-Request-Id"));
      return problem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
