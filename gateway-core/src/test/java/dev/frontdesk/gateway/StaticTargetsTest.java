package dev.frontdesk.gateway;

import static dev.frontdesk.gateway.testing.TestUpstreams.problem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Targets that answer without an upstream, and handleIfMatched for hosts with their own fallback.
 */
class StaticTargetsTest {
  private final Gateway gateway =
      Gateway.builder()
          .route("health", r -> r.get("/health").respond(200, "text/plain", "ok"))
          .route("gone", r -> r.path("/old-api/**").respond(410))
          .route("moved", r -> r.get("/docs").redirect(308, "https://docs.example.com/"))
          .route("orders", r -> r.post("/orders").respond(202))
          .build();

  @Test
  void aFixedResponseHasItsStatusContentTypeAndBody() {
    Response response = gateway.handle(Request.of("GET", "/health"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).isEqualTo("text/plain");
    assertThat(response.body().contentLength()).isEqualTo(2);
    assertThat(response.body().string()).isEqualTo("ok");
  }

  @Test
  void aFixedStatusAloneHasNoBodyAndNoContentType() {
    Response response = gateway.handle(Request.of("DELETE", "/old-api/users/7"));

    assertThat(response.status()).isEqualTo(410);
    assertThat(response.header("Content-Type")).isNull();
    assertThat(response.body().isEmpty()).isTrue();
  }

  @Test
  void aRedirectAnswersWithItsStatusAndLocation() {
    Response response = gateway.handle(Request.of("GET", "/docs"));

    assertThat(response.status()).isEqualTo(308);
    assertThat(response.header("Location")).isEqualTo("https://docs.example.com/");
    assertThat(response.body().isEmpty()).isTrue();
  }

  @Test
  void handleIfMatchedIsEmptyWhenNoRouteOwnsThePath() {
    assertThat(gateway.handleIfMatched(Request.of("GET", "/app/index.html"))).isEmpty();
  }

  @Test
  void handleIfMatchedAnswersAMatchedRoute() {
    Optional<Response> response = gateway.handleIfMatched(Request.of("GET", "/health"));

    assertThat(response).hasValueSatisfying(r -> assertThat(r.body().string()).isEqualTo("ok"));
  }

  @Test
  void handleIfMatchedStillAnswers400ForAnAmbiguousPath() {
    Optional<Response> response =
        gateway.handleIfMatched(Request.of("GET", "/app/..%2f..%2fhealth"));

    assertThat(response).hasValueSatisfying(r -> problem(r, 400));
  }

  @Test
  void handleIfMatchedStillAnswers405ForAWrongMethod() {
    Optional<Response> response = gateway.handleIfMatched(Request.of("GET", "/orders"));

    assertThat(response)
        .hasValueSatisfying(
            r -> {
              problem(r, 405);
              assertThat(r.header("Allow")).isEqualTo("POST");
            });
  }

  @Test
  void aHandlerTargetSeesTheRoutedRequestWithItsAttributes() {
    Gateway handled =
        Gateway.builder()
            .route(
                "echo",
                r ->
                    r.get("/echo/{word}")
                        .handleWith(
                            req ->
                                Response.builder()
                                    .body(
                                        "text/plain",
                                        req.pathVariable("word")
                                            + " "
                                            + req.attribute(Attributes.ROUTE_ID)
                                            + " "
                                            + (req.attribute(Attributes.REQUEST_ID) != null))
                                    .build()))
            .build();

    assertThat(handled.handle(Request.of("GET", "/echo/hi")).body().string())
        .isEqualTo("hi echo true");
  }
}
