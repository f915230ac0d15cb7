package dev.frontdesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.auth.ApiConsumer;
import dev.frontdesk.gateway.auth.ApiKeyAuthenticator;
import dev.frontdesk.gateway.auth.Authentication;
import dev.frontdesk.gateway.auth.InMemoryApiKeyStore;
import dev.frontdesk.gateway.auth.JwtAuthenticator;
import dev.frontdesk.gateway.testing.TestUpstreams;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11's authentication defaults through a real container and a real HTTP client: a JWT whose
 * {@code exp} is a string is refused, and a JWT cookie or an API key query parameter that proved
 * the identity does not reach the upstream, while the client's other cookies and parameters do.
 */
class AuthDefaultsOnBothContainersTest {
  private static final byte[] SECRET =
      "examples-test-hmac-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
  private static final String ISSUER = "https://idp.example.test/";
  private static final String API_KEY = "k-partner-0123456789abcdef";

  private final MockWebServer upstream = TestUpstreams.alwaysOk();
  private final Gateway gateway =
      TestUpstreams.proxyAll(
          upstream,
          b ->
              b.use(
                  Authentication.required(
                      JwtAuthenticator.builder()
                          .secret(SECRET)
                          .algorithms("HS256")
                          .issuer(ISSUER)
                          .realm("api")
                          .tokenFromCookie("session")
                          .build(),
                      ApiKeyAuthenticator.builder(
                              InMemoryApiKeyStore.builder()
                                  .key(API_KEY, ApiConsumer.of("partner", "Partner", Set.of()))
                                  .build())
                          .queryParameter("api_key")
                          .build())));
  private final HttpClient client = HttpClient.newHttpClient();
  private AutoCloseable container;

  @AfterEach
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
    gateway.close();
    upstream.close();
  }

  /** Starts the gateway in the named container; returns its base URL. */
  private String start(String name) throws Exception {
    if (name.equals("jetty")) {
      Server jetty = EmbedInJetty.start(gateway, "127.0.0.1", 0, 16);
      container = jetty::stop;
      return "http://127.0.0.1:" + EmbedInJetty.port(jetty);
    }
    Tomcat tomcat = EmbedInTomcat.start(gateway, 0);
    container =
        () -> {
          tomcat.stop();
          tomcat.destroy();
        };
    return "http://127.0.0.1:" + EmbedInTomcat.port(tomcat);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String token(String payloadJson) {
    return Jwts.builder()
        .content(payloadJson.getBytes(StandardCharsets.UTF_8))
        .signWith(Keys.hmacShaKeyFor(SECRET), Jwts.SIG.HS256)
        .compact();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void jwtWithAStringExpIs401InvalidToken(String name) throws Exception {
    String base = start(name);
    String token = token("{\"sub\":\"alice\",\"iss\":\"" + ISSUER + "\",\"exp\":\"2100000000\"}");

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + "/orders/7"))
                .header("Authorization", "Bearer " + token));

    String description = "the token's 'exp' claim is not a NumericDate (a JSON number)";
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\""
                + description
                + "\"");
    assertThat(new ObjectMapper().readTree(response.body()).path("detail").asText())
        .isEqualTo(description);
    assertThat(upstream.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void jwtWithoutExpIs401ByDefault(String name) throws Exception {
    String base = start(name);
    String token = token("{\"sub\":\"alice\",\"iss\":\"" + ISSUER + "\"}");

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + "/orders/7"))
                .header("Authorization", "Bearer " + token));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new ObjectMapper().readTree(response.body()).path("detail").asText())
        .isEqualTo("the token has no expiry time ('exp' claim)");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void jwtCookieDoesNotReachTheUpstreamButOtherCookiesDo(String name) throws Exception {
    String base = start(name);
    long exp = Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond();
    String token =
        Jwts.builder()
            .subject("alice")
            .issuer(ISSUER)
            .expiration(new Date(exp * 1000))
            .signWith(Keys.hmacShaKeyFor(SECRET))
            .compact();

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(base + "/orders/7"))
                .header("Cookie", "theme=dark; session=" + token + "; lang=en"));

    assertThat(response.statusCode()).isEqualTo(200);
    RecordedRequest seen = TestUpstreams.take(upstream);
    assertThat(seen.getHeaders().values("Cookie")).containsExactly("theme=dark; lang=en");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jetty", "tomcat"})
  void apiKeyQueryParameterDoesNotReachTheUpstreamButTheRestOfTheQueryDoes(String name)
      throws Exception {
    String base = start(name);

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(
                URI.create(
                    base
                        + "/orders?page=2&api_key="
                        + API_KEY
                        + "&q=caf%C3%A9+au+lait&sort=-date%2Cid")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(TestUpstreams.take(upstream).getTarget())
        .isEqualTo("/orders?page=2&q=caf%C3%A9+au+lait&sort=-date%2Cid");
  }
}
