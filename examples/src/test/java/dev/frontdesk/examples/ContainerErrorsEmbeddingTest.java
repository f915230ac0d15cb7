package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * The embeddings the README shows answer what their container refuses as problem+json that names no
 * product (the full table of refused requests is the servlet adapter's ContainerErrorsSuite).
 */
class ContainerErrorsEmbeddingTest {
  private static final String CONFLICTING_LENGTHS =
      "POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Length: 5\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhello!";

  @Test
  void jettyAnswersARequestItRefusesAsAProblemNamingNoProduct() throws Exception {
    try (Gateway gateway = Gateway.builder().build()) {
      Server jetty = EmbedInJetty.start(gateway, "127.0.0.1", 0, 8);
      try {
        assertIsABareProblem(exchange(EmbedInJetty.port(jetty)));
      } finally {
        jetty.stop();
      }
    }
  }

  @Test
  void tomcatAnswersARequestItRefusesAsAProblemNamingNoProduct() throws Exception {
    try (Gateway gateway = Gateway.builder().build()) {
      Tomcat tomcat = EmbedInTomcat.start(gateway, 0);
      try {
        assertIsABareProblem(exchange(EmbedInTomcat.port(tomcat)));
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }

  private static void assertIsABareProblem(String response) {
    assertThat(response)
        .startsWith("HTTP/1.1 400")
        .containsIgnoringCase("Content-Type: application/problem+json")
        .contains("\"status\":400")
        .doesNotContainIgnoringCase("jetty")
        .doesNotContainIgnoringCase("tomcat")
        .doesNotContainIgnoringCase("Server:");
  }

  private static String exchange(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(CONFLICTING_LENGTHS.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
