package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.GatewayComponent;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.OutboundClient;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.auth.internal.Challenges;
import dev.frontdesk.gateway.auth.internal.ClaimMapping;
import dev.frontdesk.gateway.auth.internal.ClientSlot;
import dev.frontdesk.gateway.auth.internal.Credentials;
import dev.frontdesk.gateway.auth.internal.Hashing;
import dev.frontdesk.gateway.auth.internal.IdentityCache;
import dev.frontdesk.gateway.auth.internal.JwksKeys;
import dev.frontdesk.gateway.auth.internal.JwtVerifier;
import dev.frontdesk.gateway.auth.internal.KeySetUnavailable;
import dev.frontdesk.gateway.auth.internal.KeySource;
import dev.frontdesk.gateway.auth.internal.Pem;
import dev.frontdesk.gateway.auth.internal.StaticKeys;
import dev.frontdesk.gateway.auth.internal.TokenRejected;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests by a signed JWT (RFC 7519) in {@code Authorization: Bearer}, or in a
 * cookie or query parameter when configured. Accepts only the algorithms you list, with keys from
 * an HMAC secret, public keys (also PEM) or a JWKS URL; checks {@code exp} (required by default),
 * {@code nbf} and {@code iat} with clock skew and as JSON numbers, {@code iss}, {@code aud} (at
 * least one of them, unless you opt out) and required claims. A token that passed is remembered (by
 * its SHA-256) until it expires, so a hot token is checked once.
 *
 * <pre>{@code
 * JwtAuthenticator jwt = JwtAuthenticator.builder()
 *     .jwksUrl("https://idp.example.com/.well-known/jwks.json")
 *     .algorithms("RS256", "ES256")
 *     .issuer("https://idp.example.com/")
 *     .audience("orders-api")
 *     .build();
 * }</pre>
 */
public final class JwtAuthenticator implements Authenticator, GatewayComponent {
  private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

  private final JwtVerifier verifier;
  private final ClaimMapping mapping;
  private final IdentityCache cache;
  private final Clock clock;
  private final Duration skew;
  private final @Nullable String realm;
  private final int maxTokenLength;
  private final @Nullable String cookie;
  private final @Nullable String queryParameter;
  private final boolean forwardCredential;
  private final ClientSlot client;

  private JwtAuthenticator(Builder b, ClientSlot client, KeySource keys) {
    this.client = client;
    this.clock = b.clock;
    this.skew = b.clockSkew;
    this.realm = b.realm;
    this.maxTokenLength = b.maxTokenLength;
    this.cookie = b.cookie;
    this.queryParameter = b.queryParameter;
    this.forwardCredential = b.forwardCredential;
    this.verifier =
        new JwtVerifier(
            keys,
            b.algorithms,
            b.clock,
            b.clockSkew,
            b.issuers,
            b.audiences,
            b.requiredClaims,
            b.requireExpiry);
    this.mapping = new ClaimMapping(b.subjectClaim, b.groupClaims, "jwt");
    this.cache = new IdentityCache(b.cacheSize, b.cacheCap, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes the gateway's HTTP client for JWKS fetches: the {@link Authentication} middleware that
   * holds this hands it over when its gateway is built, so the key set comes through the same
   * client, pool and TLS settings as the gateway's upstream traffic.
   */
  @Override
  public void gatewayBuilt(OutboundClient client) {
    this.client.set(client);
  }

  @Override
  public @Nullable Identity authenticate(Request request) {
    String token = token(request);
    if (token == null) {
      return null;
    }
    ByteBuffer key = cache.enabled() ? Hashing.key(token) : null;
    Identity cached = key == null ? null : cache.get(key);
    if (cached != null) {
      return cached;
    }
    try {
      Map<String, Object> claims = verifier.verify(token);
      Identity identity = mapping.identity(claims);
      if (key != null) {
        cache.put(key, identity, validUntil(claims));
      }
      return identity;
    } catch (TokenRejected e) {
      log.debug("JWT rejected on {} {}: {}", request.method(), request.path(), e.getMessage());
      throw AuthenticationException.invalidToken(realm, Objects.requireNonNull(e.getMessage()));
    } catch (KeySetUnavailable e) {
      log.warn("JWT not checked: {}", e.getMessage());
      throw GatewayException.serviceUnavailable(
          "the token could not be checked now; try again later");
    }
  }

  private long validUntil(Map<String, Object> claims) {
    Object exp = claims.get("exp");
    return exp instanceof Number n ? n.longValue() * 1000 + skew.toMillis() : Long.MAX_VALUE;
  }

  private @Nullable String token(Request request) {
    String bearer = Credentials.bearerToken(request, realm, maxTokenLength);
    if (bearer != null) {
      return bearer;
    }
    String value = cookie == null ? null : Credentials.cookie(request, cookie);
    if (value == null && queryParameter != null) {
      value = Credentials.queryParameter(request, queryParameter);
    }
    return value == null ? null : Credentials.checked(value, realm, maxTokenLength);
  }

  @Override
  public String challenge() {
    return Challenges.bearer(realm);
  }

  /**
   * Removes the token cookie and the token query parameter, when configured, unless {@link
   * Builder#forwardCredential(boolean)}. {@code Authorization} is left as it is.
   */
  @Override
  public Request withoutCredential(Request request) {
    Request result = request;
    if (!forwardCredential && cookie != null) {
      result = Credentials.withoutCookie(result, cookie);
    }
    if (!forwardCredential && queryParameter != null) {
      result = Credentials.withoutQueryParameter(result, queryParameter);
    }
    return result;
  }

  @Override
  public String toString() {
    return "JwtAuthenticator";
  }

  /** The listener of an authenticator nobody asked to report its key-set fetches. */
  private enum NoListener implements GatewayListener {
    INSTANCE
  }

  /**
   * Builds a {@link JwtAuthenticator}. Required: one key source ({@link #secret}, {@link
   * #publicKey}/{@link #publicKeyPem}, or {@link #jwksUrl}), {@link #algorithms}, and {@link
   * #issuer} or {@link #audience} (or {@link #acceptAnyIssuerAndAudience()}). Defaults: tokens
   * without {@code exp} refused (see {@link #allowTokensWithoutExpiry()}), clock skew 30 s, subject
   * from {@code sub}, groups from {@code groups} and {@code roles}, tokens up to 8192 characters, a
   * token read from a cookie or query parameter not forwarded, 10,000 cached tokens for at most 5
   * minutes, JWKS refreshed every 10 minutes and at most every 30 seconds on an unknown {@code
   * kid}, the system clock.
   */
  public static final class Builder {
    private byte @Nullable [] secret;
    private final Map<String, PublicKey> keysByKid = new LinkedHashMap<>();
    private final List<PublicKey> keysWithoutKid = new ArrayList<>();
    private @Nullable String jwksUrl;
    private final Set<String> algorithms = new LinkedHashSet<>();
    private final Set<String> issuers = new LinkedHashSet<>();
    private final Set<String> audiences = new LinkedHashSet<>();
    private final Set<String> requiredClaims = new LinkedHashSet<>();
    private boolean requireExpiry = true;
    private boolean anyIssuerAndAudience;
    private Duration clockSkew = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private @Nullable String realm;
    private int maxTokenLength = 8192;
    private @Nullable String cookie;
    private @Nullable String queryParameter;
    private boolean forwardCredential;
    private String subjectClaim = "sub";
    private List<String> groupClaims = List.of("groups", "roles");
    private long cacheSize = 10_000;
    private Duration cacheCap = Duration.ofMinutes(5);
    private Duration jwksRefresh = Duration.ofMinutes(10);
    private Duration jwksMinRefresh = Duration.ofSeconds(30);
    private GatewayListener listener = NoListener.INSTANCE;
    private final BuilderProblems recorded = new BuilderProblems("JwtAuthenticator: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far, each naming this authenticator: a bad value is
     * recorded instead of thrown (a null still throws {@link NullPointerException}), and {@link
     * #build()} throws them all. For tools that point at their own input.
     */
    public List<String> problems() {
      return recorded.list();
    }

    /** An HMAC secret for HS256/384/512: at least 32 bytes (RFC 7518 §3.2), more for HS384/512. */
    public Builder secret(byte[] secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.length < 32) {
        recorded.add("secret must be at least 32 bytes (256 bits): " + secret.length);
      } else {
        this.secret = secret.clone();
      }
      return this;
    }

    /** A public key for tokens that name no {@code kid} (or whose kid matches no other key). */
    public Builder publicKey(PublicKey key) {
      keysWithoutKid.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /** A public key for tokens whose header names this {@code kid}. */
    public Builder publicKey(String kid, PublicKey key) {
      keysByKid.put(Objects.requireNonNull(kid, "kid"), Objects.requireNonNull(key, "key"));
      return this;
    }

    /** A PEM {@code -----BEGIN PUBLIC KEY-----} block (RSA, EC or EdDSA). */
    public Builder publicKeyPem(String pem) {
      Objects.requireNonNull(pem, "pem");
      recorded.check(() -> publicKey(Pem.publicKey(pem)));
      return this;
    }

    /** The identity provider's JWKS URL (http or https). */
    public Builder jwksUrl(String url) {
      Objects.requireNonNull(url, "url");
      if (!ClientSlot.isHttpUrl(url)) {
        recorded.add("jwksUrl must be an http or https URL: '" + url + "'");
      } else {
        this.jwksUrl = url;
      }
      return this;
    }

    /** The accepted {@code alg} values, such as {@code RS256}; nothing else verifies. Required. */
    public Builder algorithms(String... names) {
      for (String name : Objects.requireNonNull(names, "names")) {
        Objects.requireNonNull(name, "names contains null");
        if (KeySource.family(name) == null) {
          recorded.add(
              "algorithms: '"
                  + name
                  + "' is not one of HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA");
        } else {
          algorithms.add(name);
        }
      }
      return this;
    }

    /** Accepted {@code iss} values; a token from any other issuer is refused. */
    public Builder issuer(String... issuers) {
      addAll(this.issuers, issuers, "issuers");
      return this;
    }

    /** Accepted {@code aud} values; the token must name at least one. */
    public Builder audience(String... audiences) {
      addAll(this.audiences, audiences, "audiences");
      return this;
    }

    /**
     * Accepts tokens from any issuer for any audience: no {@code iss} or {@code aud} check. Without
     * either check, a token that another application obtained from the same identity provider (or
     * that any holder of the same key minted) is as good as one meant for this gateway; call this
     * only when the key itself is dedicated to this gateway. Conflicts with {@link #issuer} and
     * {@link #audience}.
     */
    public Builder acceptAnyIssuerAndAudience() {
      this.anyIssuerAndAudience = true;
      return this;
    }

    /**
     * Accepts tokens that carry no {@code exp} claim. By default they are refused: a token that
     * never expires stays usable forever by whoever copies it, and only rotating the key revokes
     * it.
     */
    public Builder allowTokensWithoutExpiry() {
      this.requireExpiry = false;
      return this;
    }

    /** Claims every token must carry. */
    public Builder requiredClaims(String... names) {
      addAll(this.requiredClaims, names, "names");
      return this;
    }

    /** Leeway for clocks that disagree, applied to {@code exp}, {@code nbf} and {@code iat}. */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        recorded.add("clockSkew must be 0 to 5 minutes: " + skew);
      } else {
        this.clockSkew = skew;
      }
      return this;
    }

    /** The clock for expiry and caches; tests pass a fixed or movable one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The realm named in {@code WWW-Authenticate}. */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /** Longer tokens are refused before parsing. */
    public Builder maxTokenLength(int length) {
      if (length < 16) {
        recorded.add("maxTokenLength must be at least 16: " + length);
      } else {
        this.maxTokenLength = length;
      }
      return this;
    }

    /** Also takes the token from this cookie when there is no {@code Authorization} header. */
    public Builder tokenFromCookie(String name) {
      this.cookie = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Also takes the token from this query parameter when there is no header (RFC 6750 §2.3 advises
     * against it: URLs end up in logs).
     */
    public Builder tokenFromQueryParameter(String name) {
      this.queryParameter = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Whether a token read from the {@linkplain #tokenFromCookie cookie} or the {@linkplain
     * #tokenFromQueryParameter query parameter} travels on to the upstream (false: once the request
     * is authenticated that cookie and that parameter are removed, other cookies and parameters
     * kept). A token in {@code Authorization} is governed by {@link
     * IdentityForwarding.Builder#forwardAuthorization(boolean)} instead.
     */
    public Builder forwardCredential(boolean forward) {
      this.forwardCredential = forward;
      return this;
    }

    /** The claim that holds the subject ({@code sub}). */
    public Builder subjectClaim(String name) {
      this.subjectClaim = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The claims that hold groups or roles ({@code groups}, {@code roles}). */
    public Builder groupClaims(String... names) {
      this.groupClaims = List.of(Objects.requireNonNull(names, "names"));
      return this;
    }

    /** How many valid tokens to remember (10,000); 0 checks every token every time. */
    public Builder cacheSize(long size) {
      if (size < 0) {
        recorded.add("cacheSize must not be negative: " + size);
      } else {
        this.cacheSize = size;
      }
      return this;
    }

    /** The longest a valid token is remembered, whatever its expiry (5 minutes). */
    public Builder cacheCap(Duration cap) {
      Objects.requireNonNull(cap, "cacheCap");
      recorded.check(() -> this.cacheCap = Durations.positive(cap, "cacheCap"));
      return this;
    }

    /**
     * Tells {@code listener} of every key-set fetch ({@link GatewayListener#keySetRefreshed}), for
     * metrics such as {@code GatewayMetrics}' JWKS refresh counter. Only with {@link #jwksUrl}.
     */
    public Builder listener(GatewayListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How old the JWKS may get before it is fetched again (10 minutes). */
    public Builder jwksRefreshInterval(Duration interval) {
      Objects.requireNonNull(interval, "jwksRefreshInterval");
      recorded.check(() -> this.jwksRefresh = Durations.positive(interval, "jwksRefreshInterval"));
      return this;
    }

    /**
     * The least time between two JWKS fetches (30 s): it bounds what tokens with unknown {@code
     * kid}s can make the gateway ask of the identity provider.
     */
    public Builder jwksMinRefreshInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      recorded.check(
          () -> this.jwksMinRefresh = Durations.nonNegative(interval, "jwksMinRefreshInterval"));
      return this;
    }

    private static void addAll(Set<String> target, String[] values, String name) {
      for (String v : Objects.requireNonNull(values, name)) {
        target.add(Objects.requireNonNull(v, name + " contains null"));
      }
    }

    /**
     * Checks the configuration and builds the authenticator.
     *
     * @throws GatewayConfigException listing every problem, each naming this authenticator: the
     *     values the setters refused, then what is missing or conflicting, such as a missing key
     *     source or algorithm list, keys that do not fit the algorithms, or neither an issuer nor
     *     an audience
     */
    public JwtAuthenticator build() {
      String name =
          realm == null ? "JwtAuthenticator" : "JwtAuthenticator (realm \"" + realm + "\")";
      // what build() finds is named with the realm, unlike what the setters recorded
      List<String> all = new ArrayList<>(recorded.list());
      wholeProblems().forEach(p -> all.add(name + ": " + p));
      if (!all.isEmpty()) {
        throw new GatewayConfigException(all);
      }
      ClientSlot client = new ClientSlot();
      return new JwtAuthenticator(this, client, keySource(client));
    }

    private List<String> wholeProblems() {
      List<String> problems = new ArrayList<>();
      int sources =
          (secret != null ? 1 : 0)
              + (jwksUrl != null ? 1 : 0)
              + (keysByKid.isEmpty() && keysWithoutKid.isEmpty() ? 0 : 1);
      if (sources != 1) {
        problems.add(
            "exactly one key source is required: secret, publicKey(s) or jwksUrl; found "
                + sources);
      }
      if (algorithms.isEmpty()) {
        problems.add("algorithms: list the accepted algorithms, such as algorithms(\"RS256\")");
      }
      boolean hmac = algorithms.stream().anyMatch(a -> "HMAC".equals(KeySource.family(a)));
      boolean asymmetric = algorithms.stream().anyMatch(a -> !"HMAC".equals(KeySource.family(a)));
      if (secret != null && asymmetric) {
        problems.add("algorithms " + algorithms + ": a secret verifies only HS256/384/512");
      }
      if (sources > 0 && secret == null && hmac) {
        problems.add(
            "algorithms "
                + algorithms
                + ": HS* needs a secret, never a public key (algorithm confusion)");
      }
      boolean checksOrigin = !issuers.isEmpty() || !audiences.isEmpty();
      if (anyIssuerAndAudience && checksOrigin) {
        problems.add(
            "acceptAnyIssuerAndAudience() contradicts issuer(...)/audience(...): choose one");
      } else if (!anyIssuerAndAudience && !checksOrigin) {
        problems.add(
            "neither issuer(...) nor audience(...) is set, so a token from any issuer for any audience"
                + " would pass; set at least one, or call acceptAnyIssuerAndAudience()");
      }
      return problems;
    }

    private KeySource keySource(ClientSlot client) {
      if (secret != null) {
        return StaticKeys.secret(secret);
      }
      if (jwksUrl != null) {
        return new JwksKeys(client, jwksUrl, clock, jwksRefresh, jwksMinRefresh, listener);
      }
      return StaticKeys.publicKeys(keysByKid, keysWithoutKid);
    }
  }
}
