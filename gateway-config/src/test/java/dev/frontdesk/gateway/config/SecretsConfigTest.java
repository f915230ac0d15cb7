package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.LogCapture;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets come from files and the environment, and no problem or log line ever shows one. */
class SecretsConfigTest {
  private static final String SECRET = "file-secret-0123456789abcdef0123456789";

  @TempDir Path dir;

  @Test
  void aJwtSecretReadFromAFileVerifiesTokens() throws Exception {
    Files.writeString(
        dir.resolve("jwt-secret"), SECRET + "\n"); // the trailing newline is not part of it
    Files.writeString(
        dir.resolve("gateway.yaml"),
        """
        auth:
          authenticators:
            jwt: {jwt: {secret: "${file:jwt-secret}", algorithms: [HS256], issuer: secrets-test}}
        routes:
          - id: me
            path: /me
            use: [{authenticate: [jwt]}]
            respond: {status: 200, body: hello}
        """);

    try (Gateway gateway = GatewayConfig.load(dir.resolve("gateway.yaml"))) {
      Response ok =
          gateway.handle(
              Request.builder()
                  .method("GET")
                  .target("/me")
                  .header("Authorization", "Bearer " + jwt(SECRET))
                  .build());
      Response forged =
          gateway.handle(
              Request.builder()
                  .method("GET")
                  .target("/me")
                  .header("Authorization", "Bearer " + jwt("another-secret-0123456789abcdef012345"))
                  .build());

      assertThat(ok.status()).isEqualTo(200);
      assertThat(forged.status()).isEqualTo(401);
    }
  }

  @Test
  void anEnvironmentValueIsSubstitutedThroughTheLookup() throws Exception {
    MockWebServer upstream = TestUpstreams.alwaysOk();
    GatewayConfig config =
        GatewayConfig.builder()
            .environment(Map.of("UPSTREAM", TestUpstreams.baseUrl(upstream))::get)
            .build();

    try (upstream;
        Gateway gateway =
            config
                .parse(
                    "gateway.yaml",
                    """
        routes:
          - {id: all, path: "/**", to: "${env:UPSTREAM}"}
        """,
                    dir)
                .gateway()) {
      assertThat(gateway.handle(Request.of("GET", "/x")).body().string()).isEqualTo("ok");
    }
  }

  @Test
  void aLiteralDollarBraceIsWrittenWithTwoDollars() {
    GatewayConfig config = GatewayConfig.builder().environment(name -> "substituted").build();

    try (Gateway gateway =
        config
            .parse(
                "g.yaml",
                """
        routes:
          - {id: a, path: /a, respond: {status: 200, body: "$${env:HOME} and ${env:X}"}}
        """,
                dir)
            .gateway()) {
      assertThat(gateway.handle(Request.of("GET", "/a")).body().string())
          .isEqualTo("${env:HOME} and substituted");
    }
  }

  @Test
  void problemsAboutSecretValuesShowTheKeyPathAndNeverTheValue() {
    Map<String, String> env =
        Map.of(
            "REDIS", "redis-password-in-a-uri://cache:6379",
            "UPSTREAM", "ftp://secret-host-name.internal",
            "API_KEY", "short");
    GatewayConfig config = GatewayConfig.builder().environment(env::get).build();

    ConfigResult result;
    try (LogCapture logs = LogCapture.warningsEverywhere()) {
      result =
          config.parse(
              "gateway.yaml",
              """
          auth:
            authenticators:
              keys: {apiKeys: {consumers: [{id: acme, keys: ["${env:API_KEY}"]}]}}
              inline: {jwt: {secret: "inline-secret-too-short", algorithms: [HS256]}}
          rateLimits:
            backends:
              shared: {redis: {uri: "${env:REDIS}"}}
          routes:
            - {id: a, path: /a, to: "${env:UPSTREAM}"}
          """,
              dir);
      assertThat(logs.messages()).noneMatch(m -> env.values().stream().anyMatch(m::contains));
    }

    assertThat(result.problems())
        .extracting(ConfigProblem::path)
        .containsExactly(
            "auth.authenticators.keys.apiKeys.consumers[0].keys",
            "auth.authenticators.inline.jwt.secret",
            "rateLimits.backends.shared.redis.uri",
            "routes[0].to");
    assertThat(result.problems())
        .allSatisfy(
            p -> {
              assertThat(p.toString())
                  .doesNotContain(
                      "redis-password", "secret-host-name", "inline-secret", "short\"", "'short'");
            });
    assertThat(result.problems().get(3).message())
        .isEqualTo("route 'a': upstream URL must be an absolute http(s) URL: '***'");
  }

  private static String jwt(String secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String head = b64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
    String body =
        b64.encodeToString(
            "{\"sub\":\"ann\",\"iss\":\"secrets-test\",\"exp\":4102444800}"
                .getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return head
        + "."
        + body
        + "."
        + b64.encodeToString(mac.doFinal((head + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
