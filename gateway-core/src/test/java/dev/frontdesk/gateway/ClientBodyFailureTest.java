package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static dev.frontdesk.gateway.testing.TestUpstreams.proxyAll;
import static dev.frontdesk.gateway.testing.TestUpstreams.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies that fail or break their declared length: the client's fault (400), never the
 * upstream's.
 */
class ClientBodyFailureTest {
  private final MockWebServer upstream = TestUpstreams.started();

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void aClientBodyThatFailsWhileBeingForwardedIs400NotBlamedOnTheUpstream() {
    upstream.enqueue(text(200, "never"));
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served++ < 1000) {
              return 'x';
            }
            throw new IOException("client went away");
          }
        };
    Request post =
        Request.builder().method("POST").target("/upload").body(Body.of(failing, -1)).build();

    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      assertThat(problem(gateway.handle(post), 400).path("detail").asText())
          .isEqualTo("the request body could not be read from the client");
    }
    assertThat(upstream.getRequestCount()).as("the upstream never got a whole request").isZero();
  }

  @Test
  void aClientBodyShorterThanItsDeclaredLengthIs400() {
    upstream.enqueue(text(200, "never"));
    Request post =
        Request.builder()
            .method("POST")
            .target("/upload")
            .body(Body.of(new ByteArrayInputStream(new byte[5]), 10))
            .build();

    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      assertThat(problem(gateway.handle(post), 400).path("detail").asText())
          .isEqualTo("the request body could not be read from the client");
    }
    assertThat(upstream.getRequestCount()).as("the upstream never got a whole request").isZero();
  }

  @Test
  void aClientBodyLongerThanItsDeclaredLengthIs400() {
    upstream.enqueue(text(200, "never"));
    Request post =
        Request.builder()
            .method("POST")
            .target("/upload")
            .body(Body.of(new ByteArrayInputStream(new byte[20]), 10))
            .build();

    try (Gateway gateway = proxyAll(upstream, b -> {})) {
      problem(gateway.handle(post), 400);
    }
  }
}
