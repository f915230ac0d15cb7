package dev.frontdesk.gateway.aggregation;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer standing in for one service: answers by path (so parallel legs can share it in
 * any order), and notes when each request arrived, for ordering assertions.
 */
final class Service implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  private final Map<String, Supplier<MockResponse>> answers = new ConcurrentHashMap<>();
  final Map<String, Long> arrivals = new ConcurrentHashMap<>();

  Service() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.put(request.getUrl().encodedPath(), System.nanoTime());
            Supplier<MockResponse> answer = answers.get(request.getUrl().encodedPath());
            return answer != null
                ? answer.get()
                : new MockResponse.Builder().code(404).body("{\"error\":\"no such path\"}").build();
          }
        });
    server.start();
  }

  /** Answers requests for {@code path} (the encoded path, without query). */
  Service on(String path, Supplier<MockResponse> answer) {
    answers.put(path, answer);
    return this;
  }

  String url() {
    return server.url("/").toString();
  }

  /** The next request this service received; fails when none came within 5 s. */
  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the service received no request");
    }
    return request;
  }

  int requestCount() {
    return server.getRequestCount();
  }

  static MockResponse answer(String body) {
    return answer(200, body);
  }

  static MockResponse answer(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse delayed(long millis, String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .headersDelay(millis, TimeUnit.MILLISECONDS)
        .body(body)
        .build();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
