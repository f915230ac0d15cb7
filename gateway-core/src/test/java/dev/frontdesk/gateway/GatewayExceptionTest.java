package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayExceptionTest {

  @ParameterizedTest
  @CsvSource({
    "400, Bad Request",
    "401, Unauthorized",
    "403, Forbidden",
    "404, Not Found",
    "413, Content Too Large",
    "414, URI Too Long",
    "429, Too Many Requests",
    "500, Internal Server Error",
    "502, Bad Gateway",
    "503, Service Unavailable",
    "504, Gateway Timeout"
  })
  void eachFactoryTakesItsTitleFromTheStatus(int status, String title) {
    GatewayException e = factory(status).apply("why");

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.title()).isEqualTo(title);
    assertThat(e.detail()).isEqualTo("why");
    assertThat(new GatewayException(status, "why").title()).isEqualTo(title);
  }

  private static Function<String, GatewayException> factory(int status) {
    return switch (status) {
      case 400 -> GatewayException::badRequest;
      case 401 -> GatewayException::unauthorized;
      case 403 -> GatewayException::forbidden;
      case 404 -> GatewayException::notFound;
      case 413 -> GatewayException::contentTooLarge;
      case 414 -> GatewayException::uriTooLong;
      case 429 -> GatewayException::tooManyRequests;
      case 500 -> GatewayException::internalError;
      case 502 -> GatewayException::badGateway;
      case 503 -> GatewayException::serviceUnavailable;
      case 504 -> GatewayException::gatewayTimeout;
      default -> throw new IllegalArgumentException("no factory for " + status);
    };
  }

  @ParameterizedTest
  @CsvSource({
    "418, Client Error",
    "599, Server Error",
    "422, Unprocessable Content",
    "501, Not Implemented"
  })
  void aStatusWithoutAFactoryStillGetsATitle(int status, String title) {
    assertThat(new GatewayException(status, "why").title()).isEqualTo(title);
  }

  @Test
  void methodNotAllowedCarriesTheAllowHeader() {
    GatewayException e = GatewayException.methodNotAllowed("use GET", "GET, HEAD");

    assertThat(e.status()).isEqualTo(405);
    assertThat(e.title()).isEqualTo("Method Not Allowed");
    assertThat(e.headers().get("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void withHeadersAndWithCauseReturnCopiesThatKeepEverythingElse() {
    IOException cause = new IOException("reset");
    GatewayException original = GatewayException.gatewayTimeout("slow");

    GatewayException copy =
        original
            .withCause(cause)
            .withHeaders(Headers.of("Retry-After", "1"))
            .withHeaders(Headers.of("Retry-After", "2"));

    assertThat(original.getCause()).isNull();
    assertThat(original.headers().size()).isZero();
    assertThat(copy.getCause()).isSameAs(cause);
    assertThat(copy.headers().values("Retry-After")).containsExactly("1", "2");
    assertThat(copy.status()).isEqualTo(504);
    assertThat(copy.detail()).isEqualTo("slow");
  }

  @Test
  void aStatusOutsideTheErrorRangeIsRefused() {
    assertThatThrownBy(() -> new GatewayException(302, "moved"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be 400..599: 302");
  }

  @Test
  void toResponseRendersTheSameProblemTheGatewayWould() throws IOException {
    Response response = GatewayException.badGateway("broke").toResponse("id-7", "/orders/1");

    JsonNode problem = new ObjectMapper().readTree(response.body().bytes(10_000));
    assertThat(response.status()).isEqualTo(502);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("X-Request-Id")).isEqualTo("id-7");
    assertThat(problem.path("title").asText()).isEqualTo("Bad Gateway");
    assertThat(problem.path("status").asInt()).isEqualTo(502);
    assertThat(problem.path("detail").asText()).isEqualTo("broke");
    assertThat(problem.path("instance").asText()).isEqualTo("/orders/1");
    assertThat(problem.path("requestId").asText()).isEqualTo("id-7");
  }

  @Test
  void toResponseWithoutARequestIdLeavesItOut() throws IOException {
    Response response = GatewayException.notFound("gone").toResponse(null, "/x");

    assertThat(response.header("X-Request-Id")).isNull();
    assertThat(new ObjectMapper().readTree(response.body().bytes(10_000)).has("requestId"))
        .isFalse();
  }

  @Test
  void toResponseWithoutAnInstanceLeavesItOut() throws IOException {
    Response response = GatewayException.badRequest("malformed").toResponse(null, null);

    JsonNode problem = new ObjectMapper().readTree(response.body().bytes(10_000));
    assertThat(problem.has("instance")).isFalse();
    assertThat(problem.path("status").asInt()).isEqualTo(400);
  }
}
