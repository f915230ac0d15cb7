package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.auth.internal.IdentitySignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * For backends written in Java: checks that identity headers were set by the gateway (signed by
 * {@link IdentityForwarding.Builder#signWith}) and recently. Works with any server: pass a way to
 * read a header, such as {@code httpServletRequest::getHeader}.
 *
 * <pre>{@code
 * IdentityHeaderVerifier verifier = IdentityHeaderVerifier.builder(sharedKey).build();
 * try {
 *   IdentityHeaderVerifier.Verified identity = verifier.verify(servletRequest::getHeader);
 *   String user = identity.header("X-User-Id");
 * } catch (IdentityHeaderVerifier.RejectedException e) {
 *   response.sendError(401);
 * }
 * }</pre>
 */
public final class IdentityHeaderVerifier {
  private final byte[] key;
  private final String signatureHeader;
  private final Duration maxAge;
  private final Clock clock;

  private IdentityHeaderVerifier(Builder b) {
    this.key = b.key;
    this.signatureHeader = b.signatureHeader;
    this.maxAge = b.maxAge;
    this.clock = b.clock;
  }

  /** A builder for the key the gateway signs with. */
  public static Builder builder(byte[] hmacKey) {
    return new Builder(hmacKey);
  }

  /**
   * Checks the signature header against the headers it names.
   *
   * @param headers reads a request header by name (any case), null when absent
   * @throws RejectedException when the signature is missing, malformed, wrong or too old
   */
  public Verified verify(Function<String, @Nullable String> headers) throws RejectedException {
    Objects.requireNonNull(headers, "headers");
    String value = headers.apply(signatureHeader);
    if (value == null) {
      throw new RejectedException("no " + signatureHeader + " header");
    }
    Map<String, String> fields = fields(value);
    long seconds = parseTime(fields.get("t"));
    String requestId = require(fields, "rid");
    String signedNames = require(fields, "h");
    List<String> names = signedNames.isEmpty() ? List.of() : Arrays.asList(signedNames.split(","));
    String expected =
        IdentitySignature.mac(key, IdentitySignature.text(seconds, requestId, names, headers));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        require(fields, "sig").getBytes(StandardCharsets.US_ASCII))) {
      throw new RejectedException("the identity signature does not match the headers");
    }
    Instant issuedAt = Instant.ofEpochSecond(seconds);
    Duration age = Duration.between(issuedAt, clock.instant());
    if (age.compareTo(maxAge) > 0 || age.compareTo(maxAge.negated()) < 0) {
      throw new RejectedException(
          "the identity signature is "
              + age.toSeconds()
              + " s old; at most "
              + maxAge.toSeconds()
              + " s is accepted");
    }
    Map<String, String> signed = new LinkedHashMap<>();
    names.forEach(
        n -> {
          String v = headers.apply(n);
          if (v != null) {
            signed.put(n, v);
          }
        });
    return new Verified(requestId, issuedAt, Collections.unmodifiableMap(signed));
  }

  private static Map<String, String> fields(String value) throws RejectedException {
    String[] parts = value.split(";");
    if (parts.length != 5 || !parts[0].equals("v1")) {
      throw new RejectedException("the identity signature is not in the v1 format");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new RejectedException("the identity signature is not in the v1 format");
      }
      fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return fields;
  }

  private static String require(Map<String, String> fields, String name) throws RejectedException {
    String v = fields.get(name);
    if (v == null) {
      throw new RejectedException("the identity signature lacks '" + name + "'");
    }
    return v;
  }

  private static long parseTime(@Nullable String t) throws RejectedException {
    try {
      return Long.parseLong(Objects.requireNonNull(t, "t"));
    } catch (NumberFormatException | NullPointerException e) {
      throw new RejectedException("the identity signature has no valid time");
    }
  }

  /**
   * What a valid signature vouches for: the gateway's request id, when it signed, and the signed
   * headers that were present (names as the gateway listed them, lower case).
   */
  public record Verified(String requestId, Instant issuedAt, Map<String, String> headers) {
    /** A signed header's value by name (any case), or null when the gateway did not set it. */
    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** The identity headers cannot be trusted; the message says why (it never holds a key). */
  public static final class RejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RejectedException(String message) {
      super(message);
    }
  }

  /**
   * Builds an {@link IdentityHeaderVerifier}. Defaults: header {@code X-Identity-Signature}, max
   * age 60 s, system clock.
   */
  public static final class Builder {
    private final byte[] key;
    private String signatureHeader = "X-Identity-Signature";
    private Duration maxAge = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();

    private Builder(byte[] key) {
      Objects.requireNonNull(key, "hmacKey");
      if (key.length < 32) {
        throw new IllegalArgumentException("hmacKey must be at least 32 bytes: " + key.length);
      }
      this.key = key.clone();
    }

    public Builder signatureHeader(String name) {
      this.signatureHeader = Objects.requireNonNull(name, "name");
      return this;
    }

    /** How old (or how far in the future, for skewed clocks) a signature may be. */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = Durations.positive(maxAge, "maxAge");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public IdentityHeaderVerifier build() {
      return new IdentityHeaderVerifier(this);
    }
  }
}
