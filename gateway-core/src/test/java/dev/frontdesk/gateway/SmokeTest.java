package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void proxiesAGetAndReportsWhatTheUpstreamSaw() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain").body("hello").build());
      upstream.start();
      try (Gateway gateway = Gateway.builder()
          .route("users", r -> r.path("/api/users/**").to(upstream.url("/").toString()))
          .build();
          Response response = gateway.handle(Request.of("GET", "/api/users/7?x=1"))) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().string()).isEqualTo("hello");
        RecordedRequest recorded = upstream.takeRequest();
        assertThat(recorded.getTarget()).isEqualTo("/api/users/7?x=1");
        System.out.println(recorded.getHeaders());
      }
    }
  }
}
