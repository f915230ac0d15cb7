package dev.frontdesk.gateway.auth.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;

/**
 * One call to an OAuth2 introspection endpoint (RFC 7662 §2): a form POST of the token,
 * authenticated with the gateway's client credentials (HTTP Basic, RFC 6749 §2.3.1).
 */
public final class Introspector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final long MAX_BYTES = 64 * 1024;

  private final OkHttpClient client;
  private final String endpoint;
  private final String authorization;

  public Introspector(OkHttpClient client, String endpoint, String clientId, String clientSecret) {
    this.client = client;
    this.endpoint = endpoint;
    String pair = form(clientId) + ":" + form(clientSecret);
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The endpoint's answer as a map; {@code active} tells whether the token is good. */
  public Map<String, Object> introspect(String token) throws IOException {
    okhttp3.Request request = new okhttp3.Request.Builder()
        .url(endpoint)
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .post(new FormBody.Builder().add("token", token).add("token_type_hint", "access_token").build())
        .build();
    try (okhttp3.Response response = client.newCall(request).execute()) {
      if (response.code() != 200) {
        throw new IOException("the introspection endpoint answered HTTP " + response.code());
      }
      ResponseBody body = response.body();
      if (body.contentLength() > MAX_BYTES) {
        throw new IOException("the introspection answer is larger than " + MAX_BYTES + " bytes");
      }
      Map<String, Object> result = JSON.readValue(body.byteStream(), MAP);
      if (result == null) {
        throw new IOException("the introspection answer is not a JSON object");
      }
      return result;
    }
  }
}
