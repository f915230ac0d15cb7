package dev.frontdesk.gateway.auth;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Mints tokens for tests: well-formed ones with jjwt, hostile ones by hand. */
final class Tokens {
  static final String ISSUER = "https://idp.test/";
  static final String AUDIENCE = "orders-api";

  private Tokens() {}

  /** A builder pre-filled with a subject, issuer, audience, iat now and exp in 10 minutes. */
  static JwtBuilder valid(Clock clock) {
    Date now = Date.from(clock.instant());
    return Jwts.builder()
        .subject("alice")
        .issuer(ISSUER)
        .audience()
        .add(AUDIENCE)
        .and()
        .issuedAt(now)
        .expiration(Date.from(clock.instant().plus(Duration.ofMinutes(10))))
        .claim("scope", "orders:read orders:write");
  }

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String payload(Clock clock) {
    long now = clock.instant().getEpochSecond();
    return "{\"sub\":\"mallory\",\"iss\":\""
        + ISSUER
        + "\",\"aud\":\""
        + AUDIENCE
        + "\",\"iat\":"
        + now
        + ",\"exp\":"
        + (now + 600)
        + ",\"scope\":\"orders:read\"}";
  }

  /** A compact JWS with any header, signed with HMAC-SHA256 over whatever key bytes are given. */
  static String hmacSigned(String headerJson, String payloadJson, byte[] keyBytes) {
    String input = b64(headerJson) + "." + b64(payloadJson);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token signed by jjwt with this key and algorithm, with a kid. */
  static String signed(Clock clock, Key key, String kid) {
    return valid(clock).header().keyId(kid).and().signWith(key).compact();
  }
}
