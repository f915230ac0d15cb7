package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayComponent;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.OutboundClient;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.auth.internal.Challenges;
import dev.frontdesk.gateway.auth.internal.ClaimMapping;
import dev.frontdesk.gateway.auth.internal.ClientSlot;
import dev.frontdesk.gateway.auth.internal.Credentials;
import dev.frontdesk.gateway.auth.internal.Hashing;
import dev.frontdesk.gateway.auth.internal.IdentityCache;
import dev.frontdesk.gateway.auth.internal.Introspector;
import dev.frontdesk.gateway.auth.internal.TokenRejected;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates opaque bearer tokens by asking the authorization server (OAuth2 token
 * introspection, RFC 7662). {@code active: false} is a 401, and so is an active answer whose {@code
 * exp} has passed or whose {@code nbf} is ahead; an endpoint that cannot be reached is a 503.
 * Active tokens are remembered by their SHA-256 until their {@code exp}, capped, so a hot token
 * costs one call.
 *
 * <pre>{@code
 * IntrospectionAuthenticator opaque = IntrospectionAuthenticator
 *     .builder("https://idp.example.com/oauth2/introspect")
 *     .clientCredentials("gateway", System.getenv("GATEWAY_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 */
public final class IntrospectionAuthenticator implements Authenticator, GatewayComponent {
  private static final Logger log = LoggerFactory.getLogger(IntrospectionAuthenticator.class);

  private final ClientSlot client = new ClientSlot();
  private final Introspector introspector;
  private final ClaimMapping mapping;
  private final IdentityCache cache;
  private final Clock clock;

  /** Seconds either way that {@code exp} and {@code nbf} allow, as a JWT's default clock skew. */
  private static final long CLOCK_SKEW = 30;

  private final Duration cacheCap;
  private final @Nullable String realm;
  private final int maxTokenLength;

  private IntrospectionAuthenticator(Builder b) {
    // build() has refused a builder without client credentials
    String clientId = Objects.requireNonNull(b.clientId, "clientId");
    this.introspector = new Introspector(client, b.endpoint, clientId, b.clientSecret);
    this.mapping = new ClaimMapping("sub", b.groupClaims, "introspection");
    this.cache = new IdentityCache(b.cacheSize, b.cacheCap, b.clock);
    this.clock = b.clock;
    this.cacheCap = b.cacheCap;
    this.realm = b.realm;
    this.maxTokenLength = b.maxTokenLength;
  }

  /**
   * Takes the gateway's HTTP client for introspection calls: the {@link Authentication} middleware
   * that holds this hands it over when its gateway is built, so the calls go through the same
   * client, pool and TLS settings as the gateway's upstream traffic.
   */
  @Override
  public void gatewayBuilt(OutboundClient client) {
    this.client.set(client);
  }

  /** A builder for the introspection endpoint at {@code endpoint}. */
  public static Builder builder(String endpoint) {
    return new Builder(endpoint);
  }

  @Override
  public @Nullable Identity authenticate(Request request) {
    String token = Credentials.bearerToken(request, realm, maxTokenLength);
    if (token == null) {
      return null;
    }
    ByteBuffer key = Hashing.key(token);
    Identity cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Map<String, Object> answer = call(token);
    String refused = refusal(answer);
    if (refused != null) {
      log.debug("{} on {} {}", refused, request.method(), request.path());
      throw AuthenticationException.invalidToken(realm, refused);
    }
    try {
      Identity identity = mapping.identity(withSubject(answer));
      cache.put(key, identity, validUntil(answer));
      return identity;
    } catch (TokenRejected e) {
      throw AuthenticationException.invalidToken(realm, Objects.requireNonNull(e.getMessage()));
    }
  }

  private Map<String, Object> call(String token) {
    try {
      return introspector.introspect(token);
    } catch (IOException | RuntimeException e) {
      log.warn("token introspection failed: {}", e.toString());
      throw GatewayException.serviceUnavailable(
          "the token could not be checked now; try again later");
    }
  }

  /**
   * RFC 7662 §2.2: {@code sub} is optional; fall back to {@code username}, then {@code client_id}.
   */
  private static Map<String, Object> withSubject(Map<String, Object> answer) {
    Map<String, Object> claims = new LinkedHashMap<>();
    answer.forEach(
        (k, v) -> {
          if (v != null) {
            claims.put(k, v);
          }
        });
    if (!(claims.get("sub") instanceof String)) {
      Object fallback =
          claims.get("username") instanceof String
              ? claims.get("username")
              : claims.get("client_id");
      if (fallback != null) {
        claims.put("sub", fallback);
      }
    }
    return claims;
  }

  /**
   * Why this answer does not let the token in now, or null. {@code active: true} is not enough: an
   * {@code exp} already past or an {@code nbf} still ahead on the gateway's clock (both optional,
   * RFC 7662 §2.2) refuse the token as they would a JWT's (RFC 7519 §4.1.4–4.1.5), so an answer
   * from a server with a wrong clock, or a wrong answer, never admits nor caches a token outside
   * its lifetime. Compared in whole seconds, the NumericDate's unit, allowing {@link #CLOCK_SKEW}
   * either way, as a JWT's default: the server's clock and the gateway's are never quite the same,
   * and a token used the second it was issued must not be refused for it.
   */
  private @Nullable String refusal(Map<String, Object> answer) {
    if (!Boolean.TRUE.equals(answer.get("active"))) {
      return "the token is not active";
    }
    long now = Math.floorDiv(clock.millis(), 1000);
    if (answer.get("exp") instanceof Number exp && now - CLOCK_SKEW >= exp.longValue()) {
      return "the token has expired";
    }
    if (answer.get("nbf") instanceof Number nbf && now + CLOCK_SKEW < nbf.longValue()) {
      return "the token is not valid yet";
    }
    return null;
  }

  private long validUntil(Map<String, Object> answer) {
    long capped = clock.millis() + cacheCap.toMillis();
    return answer.get("exp") instanceof Number exp
        ? Math.min(exp.longValue() * 1000, capped)
        : capped;
  }

  @Override
  public String challenge() {
    return Challenges.bearer(realm);
  }

  @Override
  public String toString() {
    return "IntrospectionAuthenticator";
  }

  /**
   * Builds an {@link IntrospectionAuthenticator}. Required: {@link #clientCredentials}. Defaults:
   * 10,000 cached tokens for at most 5 minutes, groups from {@code groups} and {@code roles},
   * tokens up to 8192 characters, the system clock.
   */
  public static final class Builder {
    private final String endpoint;
    private @Nullable String clientId;
    private String clientSecret = "";
    private Clock clock = Clock.systemUTC();
    private long cacheSize = 10_000;
    private Duration cacheCap = Duration.ofMinutes(5);
    private List<String> groupClaims = List.of("groups", "roles");
    private @Nullable String realm;
    private int maxTokenLength = 8192;
    private final BuilderProblems recorded = new BuilderProblems("IntrospectionAuthenticator: ");

    private Builder(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      if (!ClientSlot.isHttpUrl(endpoint)) {
        recorded.add("endpoint must be an http or https URL: '" + endpoint + "'");
      }
      this.endpoint = endpoint;
    }

    /**
     * The mistakes the setters recorded so far, each naming this authenticator: a bad value is
     * recorded instead of thrown (a null still throws {@link NullPointerException}), and {@link
     * #build()} throws them all. For tools that point at their own input.
     */
    public List<String> problems() {
      return recorded.list();
    }

    /** The gateway's own client id and secret at the authorization server. */
    public Builder clientCredentials(String clientId, String clientSecret) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many active tokens to remember (10,000); 0 asks the endpoint on every request. */
    public Builder cacheSize(long size) {
      if (size < 0) {
        recorded.add("cacheSize must not be negative: " + size);
      } else {
        this.cacheSize = size;
      }
      return this;
    }

    /**
     * The longest an active token is remembered, whatever its {@code exp} (5 minutes): the delay
     * before a revocation takes effect.
     */
    public Builder cacheCap(Duration cap) {
      Objects.requireNonNull(cap, "cacheCap");
      recorded.check(() -> this.cacheCap = Durations.positive(cap, "cacheCap"));
      return this;
    }

    /** The answer's fields that hold groups or roles. */
    public Builder groupClaims(String... names) {
      this.groupClaims = List.of(Objects.requireNonNull(names, "names"));
      return this;
    }

    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    public Builder maxTokenLength(int length) {
      if (length < 16) {
        recorded.add("maxTokenLength must be at least 16: " + length);
      } else {
        this.maxTokenLength = length;
      }
      return this;
    }

    /**
     * The authenticator.
     *
     * @throws GatewayConfigException listing every mistake, each naming this authenticator
     */
    public IntrospectionAuthenticator build() {
      recorded.throwIfAny(
          clientId != null
              ? List.of()
              : List.of(
                  "clientCredentials(id, secret) is required:"
                      + " RFC 7662 §2.1 endpoints authenticate their callers"));
      return new IntrospectionAuthenticator(this);
    }
  }
}
