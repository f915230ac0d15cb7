package dev.frontdesk.gateway.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link GatewayFilter} in front of an application's own servlets: {@code /app/*} and a default
 * servlet at {@code /}. (Tomcat runs filters only for requests some servlet is mapped to, so a host
 * application needs a default servlet for the gateway's paths; real applications have one.)
 */
abstract class GatewayFilterSuite extends ServletFixture {
  private final AtomicInteger appCalls = new AtomicInteger();

  @Override
  void mount(Container container) throws Exception {
    container.start(
        Map.of("/app/*", new AppServlet("app", 200), "/", new AppServlet("default", 404)),
        new GatewayFilter(gateway));
  }

  @BeforeEach
  void addRoutes() {
    use(b -> b.route("api", r -> r.get("/api/**").proxyTo(upstream.url("/").toString())));
    appCalls.set(0);
  }

  @Test
  void theGatewayAnswersTheRoutesItMatches() throws Exception {
    upstream.enqueue(
        new MockResponse.Builder().addHeader("X-From", "upstream").body("from upstream").build());

    HttpResponse<String> response = get("/api/orders/9?expand=lines");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-From")).hasValue("upstream");
    assertThat(response.body()).isEqualTo("from upstream");
    RecordedRequest recorded = upstream.takeRequest();
    assertThat(recorded.getTarget()).isEqualTo("/api/orders/9?expand=lines");
    assertThat(recorded.getHeaders().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(appCalls).hasValue(0);
  }

  @Test
  void theApplicationsServletAnswersEverythingElse() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/app/hello?x=1"))
                .POST(BodyPublishers.ofString("form"))
                .build(),
            BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("app POST /app/hello body=form");
    assertThat(appCalls).hasValue(1);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void anUnmatchedPathReachesTheApplicationsDefaultServlet() throws Exception {
    HttpResponse<String> response = get("/elsewhere");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("default GET /elsewhere body=");
    assertThat(appCalls).hasValue(1);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aRouteThatRefusesTheMethodAnswers405Itself() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/api/orders")).DELETE().build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"status\":405").contains("\"requestId\":\"");
    assertThat(appCalls).hasValue(0);
    assertThat(upstream.getRequestCount()).isZero();
  }

  /** An ambiguous path could mean a gateway route or an app page: neither gets it. */
  @ParameterizedTest
  @ValueSource(
      strings = {"/app/../api/x", "/api/x/../../app/admin", "/app/a;b=c", "/api/%2e%2e/app/x"})
  void ambiguousPathsAre400AndReachNeitherTheUpstreamNorTheApplication(String target)
      throws Exception {
    RawHttp.Reply reply = RawHttp.send(container.port(), "GET", target);

    assertThat(reply.status()).as(container + " answering " + target).isEqualTo(400);
    assertThat(appCalls).hasValue(0);
    assertThat(upstream.getRequestCount()).isZero();
  }

  /** Stands in for the host application's own servlets: says who answered and what it got. */
  private final class AppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int status;

    AppServlet(String name, int status) {
      this.name = name;
      this.status = status;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      appCalls.incrementAndGet();
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      resp.setStatus(status);
      resp.setContentType("text/plain");
      resp.getWriter()
          .print(name + " " + req.getMethod() + " " + req.getRequestURI() + " body=" + body);
    }
  }
}
