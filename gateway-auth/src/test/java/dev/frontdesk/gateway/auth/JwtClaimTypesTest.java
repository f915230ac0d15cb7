package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 7519 §4.1.4–4.1.6: {@code exp}, {@code nbf} and {@code iat} are NumericDates, JSON numbers.
 * jjwt would turn a string into a date; the gateway refuses it, whatever the string says.
 */
class JwtClaimTypesTest {
  static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

  final FakeClock clock = FakeClock.at("2026-11-22T10:00:00Z");
  final long now = clock.instant().getEpochSecond();
  final MockWebServer upstream = TestUpstreams.alwaysOk();
  final Gateway gateway =
      TestUpstreams.proxyAll(
          upstream,
          b ->
              b.use(
                  Authentication.required(
                      JwtAuthenticator.builder()
                          .secret(JwtAuthenticatorTest.SECRET)
                          .algorithms("HS256")
                          .issuer(Tokens.ISSUER)
                          .audience(Tokens.AUDIENCE)
                          .clock(clock)
                          .realm("api")
                          .build())));

  @AfterEach
  void close() {
    gateway.close();
    upstream.close();
  }

  /**
   * A token signed with the right secret whose payload has {@code claim} written as {@code json}.
   */
  String tokenWith(String claim, String json) {
    String iat = claim.equals("iat") ? json : String.valueOf(now);
    String exp = claim.equals("exp") ? json : String.valueOf(now + 600);
    String nbf = claim.equals("nbf") ? ",\"nbf\":" + json : "";
    String payload =
        "{\"sub\":\"alice\",\"iss\":\""
            + Tokens.ISSUER
            + "\",\"aud\":\""
            + Tokens.AUDIENCE
            + "\",\"iat\":"
            + iat
            + ",\"exp\":"
            + exp
            + nbf
            + "}";
    return Tokens.hmacSigned(HEADER, payload, JwtAuthenticatorTest.SECRET);
  }

  Response send(String token) throws Exception {
    return gateway.handle(
        Request.builder().target("/orders/7").header("Authorization", "Bearer " + token).build());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      exp | "2100000000"
      exp | "2100-01-01T00:00:00Z"
      exp | "Fri, 01 Jan 2100 00:00:00 GMT"
      exp | true
      exp | null
      exp | [2100000000]
      exp | {"value":2100000000}
      nbf | "1700000000"
      nbf | "2020-01-01T00:00:00Z"
      nbf | false
      iat | "1700000000"
      iat | "2020-01-01T00:00:00Z"
      iat | null
      """)
  void timeClaimThatIsNotAJsonNumberIs401InvalidToken(String claim, String json) throws Exception {
    String description = "the token's '" + claim + "' claim is not a NumericDate (a JSON number)";

    Response response = send(tokenWith(claim, json));

    assertThat(response.header("WWW-Authenticate"))
        .isEqualTo(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
    JsonNode problem = TestUpstreams.problem(response, 401);
    assertThat(problem.path("detail").asText()).isEqualTo(description);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      exp | 2100000000
      exp | 2100000000.5
      exp | 2.1E9
      nbf | 1700000000
      iat | 1700000000.25
      """)
  void timeClaimsThatAreJsonNumbersPass(String claim, String json) throws Exception {
    try (Response response = send(tokenWith(claim, json))) {
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(TestUpstreams.take(upstream).getTarget()).isEqualTo("/orders/7");
  }

  @Test
  void aStringTimeClaimInTheHeaderIsRefusedToo() throws Exception {
    String payload =
        "{\"sub\":\"alice\",\"iss\":\""
            + Tokens.ISSUER
            + "\",\"aud\":\""
            + Tokens.AUDIENCE
            + "\",\"exp\":"
            + (now + 600)
            + "}";
    String token =
        Tokens.hmacSigned(
            "{\"alg\":\"HS256\",\"exp\":\"2100000000\"}", payload, JwtAuthenticatorTest.SECRET);

    assertThat(TestUpstreams.problem(send(token), 401).path("detail").asText())
        .isEqualTo("the token's 'exp' claim is not a NumericDate (a JSON number)");
  }

  @Test
  void aBadSignatureIsReportedBeforeABadClaimType() throws Exception {
    String token = tokenWith("exp", "\"2100000000\"");
    String forged =
        token.substring(0, token.lastIndexOf('.') + 1) + Tokens.b64("not the signature");

    assertThat(TestUpstreams.problem(send(forged), 401).path("detail").asText())
        .isEqualTo("the token's signature is invalid");
  }
}
