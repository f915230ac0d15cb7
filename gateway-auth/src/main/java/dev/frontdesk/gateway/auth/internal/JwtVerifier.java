package dev.frontdesk.gateway.auth.internal;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jsonwebtoken.security.SignatureException;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a compact JWS with jjwt: the algorithm against an allow-list (so {@code alg: none} and
 * HMAC-with-a-public-key never verify), the signature with a key from a {@link KeySource}, then
 * {@code exp} (required unless told otherwise), {@code nbf} and {@code iat} with clock skew and as
 * JSON numbers only ({@link ClaimTypes}), {@code iss}, {@code aud} and required claims. {@code
 * jku}, {@code x5u} and {@code jwk} headers are never followed: keys come only from the
 * configuration (RFC 8725 §3.10).
 */
public final class JwtVerifier {
  private final JwtParser parser;
  private final Set<String> algorithms;
  private final KeySource keys;
  private final Clock clock;
  private final long skewMillis;
  private final Set<String> issuers;
  private final Set<String> audiences;
  private final Set<String> requiredClaims;
  private final boolean requireExpiry;

  public JwtVerifier(
      KeySource keys,
      Set<String> algorithms,
      Clock clock,
      Duration skew,
      Set<String> issuers,
      Set<String> audiences,
      Set<String> requiredClaims,
      boolean requireExpiry) {
    this.keys = keys;
    this.algorithms = Set.copyOf(algorithms);
    this.clock = clock;
    this.skewMillis = skew.toMillis();
    this.issuers = Set.copyOf(issuers);
    this.audiences = Set.copyOf(audiences);
    this.requiredClaims = Set.copyOf(requiredClaims);
    this.requireExpiry = requireExpiry;
    this.parser =
        Jwts.parser()
            .json(ClaimTypes.checking())
            .keyLocator(
                new LocatorAdapter<Key>() {
                  @Override
                  protected Key locate(JwsHeader header) {
                    return keyFor(header);
                  }
                })
            .sig()
            .clear()
            .add(digestAlgorithms(algorithms))
            .and()
            .clock(() -> new Date(clock.millis()))
            .clockSkewSeconds(skew.toSeconds())
            .build();
  }

  private static Collection<SecureDigestAlgorithm<?, ?>> digestAlgorithms(Set<String> names) {
    return names.stream().<SecureDigestAlgorithm<?, ?>>map(n -> Jwts.SIG.get().forKey(n)).toList();
  }

  private Key keyFor(JwsHeader header) {
    String algorithm = header.getAlgorithm();
    if (algorithm == null || !algorithms.contains(algorithm)) {
      throw new TokenRejected("the token's algorithm is not accepted");
    }
    return keys.key(header.getKeyId(), algorithm);
  }

  /**
   * The token's claims, with dates as epoch seconds.
   *
   * @throws TokenRejected with a reason safe to show the client
   * @throws KeySetUnavailable when no key set could be loaded
   */
  public Map<String, Object> verify(String token) {
    Jws<Claims> jws = parse(token);
    Claims claims = jws.getPayload();
    String notNumeric = ClaimTypes.notNumericDate(jws.getHeader(), claims);
    if (notNumeric != null) {
      throw new TokenRejected(
          "the token's '" + notNumeric + "' claim is not a NumericDate (a JSON number)");
    }
    if (requireExpiry && claims.getExpiration() == null) {
      throw new TokenRejected("the token has no expiry time ('exp' claim)");
    }
    checkIssuedAt(claims);
    // A token may lack iss or aud: Set.copyOf's contains(null) throws, and jjwt gives no empty
    // audience but null, so both are read null-safely (a 401, never a 500).
    String issuer = claims.getIssuer();
    if (!issuers.isEmpty() && (issuer == null || !issuers.contains(issuer))) {
      throw new TokenRejected("the token's issuer is not accepted");
    }
    Set<String> audience = claims.getAudience();
    if (!audiences.isEmpty()
        && (audience == null || audience.stream().noneMatch(audiences::contains))) {
      throw new TokenRejected("the token is not meant for this audience");
    }
    for (String name : requiredClaims) {
      if (claims.get(name) == null) {
        throw new TokenRejected("the token lacks the required claim '" + name + "'");
      }
    }
    return plain(claims);
  }

  private Jws<Claims> parse(String token) {
    try {
      return parser.parseSignedClaims(token);
    } catch (JwtException | IllegalArgumentException | ClassCastException e) {
      // jjwt wraps what the key locator throws: our own reasons come first.
      TokenRejected inner = cause(e, TokenRejected.class);
      if (inner != null) {
        throw inner;
      }
      KeySetUnavailable unavailable = cause(e, KeySetUnavailable.class);
      if (unavailable != null) {
        throw unavailable;
      }
      throw new TokenRejected(reason(e));
    }
  }

  private static String reason(RuntimeException e) {
    if (e instanceof ExpiredJwtException) {
      return "the token has expired";
    } else if (e instanceof PrematureJwtException) {
      return "the token is not valid yet";
    } else if (unsupportedCritical(e)) {
      return "the token's 'crit' header names an extension the gateway does not support";
    } else if (cause(e, UnsupportedJwtException.class) != null) {
      // jjwt reports an algorithm missing from the allow-list as a SignatureException caused by
      // this
      return "the token is not a signed JWT with an accepted algorithm";
    } else if (e instanceof SignatureException) {
      return "the token's signature is invalid";
    } else if (e instanceof MalformedJwtException || e instanceof io.jsonwebtoken.io.IOException) {
      return "the token is malformed";
    }
    return "the token is invalid";
  }

  /**
   * RFC 7515 §4.1.11: jjwt refuses a {@code crit} naming an extension it was not told of with an
   * {@link UnsupportedJwtException} like the one for a refused algorithm, told apart only by its
   * message. Matched on jjwt's own opening words (the header name it quotes later is the token's):
   * if a jjwt upgrade rewords it, {@code JwtAttackTest} says so and the detail falls back to the
   * algorithm phrase, still a 401.
   */
  private static boolean unsupportedCritical(RuntimeException e) {
    UnsupportedJwtException unsupported = cause(e, UnsupportedJwtException.class);
    String message = unsupported == null ? null : unsupported.getMessage();
    return message != null
        && message.startsWith("Protected Header ")
        && message.contains(" set references unsupported header name ");
  }

  private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private void checkIssuedAt(Claims claims) {
    Date issuedAt = claims.getIssuedAt();
    if (issuedAt != null && issuedAt.getTime() > clock.millis() + skewMillis) {
      throw new TokenRejected("the token was issued in the future");
    }
  }

  private static Map<String, Object> plain(Claims claims) {
    Map<String, Object> result = new LinkedHashMap<>();
    claims.forEach(
        (name, value) -> {
          if (value instanceof Date date) {
            result.put(name, date.getTime() / 1000);
          } else if (value != null) {
            result.put(name, value);
          }
        });
    return result;
  }
}
