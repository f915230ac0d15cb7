package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** One gateway, one shared upstream client, many requests at once. */
class ConcurrencyTest {
  @Test
  void concurrentRequestsEachGetTheirOwnUpstreamResponse() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try (MockWebServer upstream = TestUpstreams.started();
        Gateway gateway = proxyAll(upstream, b -> {})) {
      upstream.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse.Builder().body("echo " + request.getTarget()).build();
            }
          });
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String target = "/item/" + i;
        answers.add(clients.submit(() -> fetch(gateway, target)));
      }
      for (int i = 0; i < 200; i++) {
        assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("echo /item/" + i);
      }
      assertThat(upstream.getRequestCount()).isEqualTo(200);
    } finally {
      clients.shutdownNow();
    }
  }

  private static String fetch(Gateway gateway, String target) throws IOException {
    try (Response response = gateway.handle(Request.of("GET", target))) {
      return response.body().string();
    }
  }
}
