package dev.frontdesk.gateway.auth.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * One call to an OAuth2 introspection endpoint (RFC 7662 §2): a form POST of the token,
 * authenticated with the gateway's client credentials (HTTP Basic, RFC 6749 §2.3.1), through the
 * gateway's own HTTP client.
 */
public final class Introspector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final long MAX_BYTES = 64 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ClientSlot client;
  private final String endpoint;
  private final String authorization;

  public Introspector(ClientSlot client, String endpoint, String clientId, String clientSecret) {
    this.client = client;
    this.endpoint = endpoint;
    String pair = form(clientId) + ":" + form(clientSecret);
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The endpoint's answer as a map; {@code active} tells whether the token is good. */
  public Map<String, Object> introspect(String token) throws IOException {
    Headers headers =
        Headers.of(
            "Authorization",
            authorization,
            "Accept",
            "application/json",
            "Content-Type",
            "application/x-www-form-urlencoded");
    Body form = Body.of("token=" + form(token) + "&token_type_hint=access_token");
    try (Response response = client.get().send("POST", endpoint, headers, form, TIMEOUT)) {
      if (response.status() != 200) {
        throw new IOException("the introspection endpoint answered HTTP " + response.status());
      }
      byte[] body = response.body().bytes(MAX_BYTES); // refuses a larger answer
      Map<String, Object> result = JSON.readValue(body, MAP);
      if (result == null) {
        throw new IOException("the introspection answer is not a JSON object");
      }
      return result;
    }
  }
}
