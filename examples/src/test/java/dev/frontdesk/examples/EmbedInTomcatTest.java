package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Gateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/** The demo gateway hosted in embedded Tomcat answers like it does in Jetty. */
class EmbedInTomcatTest {
  @Test
  void demoRoutesWorkInTomcat() throws Exception {
    try (DemoServices services = DemoServices.start();
        Gateway gateway = Demo.gateway(services)) {
      Tomcat tomcat = EmbedInTomcat.start(gateway, 0);
      try {
        HttpRequest request =
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + EmbedInTomcat.port(tomcat) + "/api/orders?user=2"))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response =
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Served-By")).hasValue("frontdesk-demo");
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("data").get(0).get("id").asInt()).isEqualTo(103);
        assertThat(body.get("data")).hasSize(1);
        assertThat(body.get("seenByService").get("path").asText()).isEqualTo("/orders");
        assertThat(body.get("seenByService").get("X-Demo-Caller").asText())
            .isEqualTo("frontdesk-demo");
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    }
  }
}
