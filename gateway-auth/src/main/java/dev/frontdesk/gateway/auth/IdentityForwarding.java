package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Middlewares;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.auth.internal.IdentitySignature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Tells upstreams who the client is, in headers only the gateway sets: the subject ({@code
 * X-User-Id}), the consumer ({@code X-Consumer-Id}), the scopes ({@code X-Scopes}) and chosen
 * claims. Two middlewares: {@link #stripClientHeaders()}, installed globally, removes any copy of
 * those headers a client sent, on every route, so a backend can trust them; {@link #forward()},
 * placed after {@link Authentication} on a route, sets them from the identity. Optionally signs
 * them (HMAC-SHA256 over the values, the request id and the time) so a backend reachable by other
 * paths can check them with {@link IdentityHeaderVerifier}.
 *
 * <pre>{@code
 * IdentityForwarding identity = IdentityForwarding.builder().claimHeader("email", "X-User-Email").build();
 * Gateway.builder()
 *     .use(identity.stripClientHeaders())
 *     .route("orders", r -> r.path("/orders/**").use(Authentication.required(jwt), identity.forward()).proxyTo(orders))
 * }</pre>
 *
 * <p>Values outside visible ASCII, {@code %} and a space at either end are percent-encoded (UTF-8).
 * Scopes and groups are sorted and space-separated; array claims are comma-separated; a separator
 * inside one element is percent-encoded ({@code %20}, {@code %2C}), so a backend splits on the
 * separator, then decodes each element.
 */
public final class IdentityForwarding {
  private final @Nullable String subjectHeader;
  private final @Nullable String consumerHeader;
  private final @Nullable String scopesHeader;
  private final @Nullable String groupsHeader;
  private final Map<String, String> claimHeaders;
  private final boolean forwardAuthorization;
  private final byte @Nullable [] signingKey;
  private final String signatureHeader;
  private final Clock clock;
  private final List<String> managed;

  private IdentityForwarding(Builder b) {
    this.subjectHeader = b.subjectHeader;
    this.consumerHeader = b.consumerHeader;
    this.scopesHeader = b.scopesHeader;
    this.groupsHeader = b.groupsHeader;
    this.claimHeaders = Map.copyOf(b.claimHeaders);
    this.forwardAuthorization = b.forwardAuthorization;
    this.signingKey = b.signingKey;
    this.signatureHeader = b.signatureHeader;
    this.clock = b.clock;
    List<String> names = new ArrayList<>();
    for (String h : new String[] {subjectHeader, consumerHeader, scopesHeader, groupsHeader}) {
      if (h != null) {
        names.add(h);
      }
    }
    names.addAll(new TreeSet<>(b.claimHeaders.values()));
    this.managed = List.copyOf(names);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The identity headers this forwarding sets and strips, in signing order (the signature header
   * aside).
   */
  public List<String> headerNames() {
    return managed;
  }

  /** Removes client-sent copies of the identity and signature headers. Install it globally. */
  public Middleware stripClientHeaders() {
    return Middlewares.named(
        "IdentityForwarding.stripClientHeaders",
        chain -> chain.proceed(strip(chain.request().newBuilder()).build()));
  }

  /**
   * Sets the identity headers from {@link Attributes#IDENTITY} (after removing any client copy),
   * signs them when configured, and strips {@code Authorization} unless told to forward it.
   */
  public Middleware forward() {
    return Middlewares.named(
        "IdentityForwarding.forward", chain -> chain.proceed(apply(chain.request())));
  }

  private Request.Builder strip(Request.Builder b) {
    managed.forEach(b::removeHeader);
    return b.removeHeader(signatureHeader);
  }

  private Request apply(Request request) {
    Request.Builder b = strip(request.newBuilder());
    if (!forwardAuthorization) {
      b.removeHeader("Authorization");
    }
    Identity identity = request.attribute(Attributes.IDENTITY);
    if (identity == null) {
      return b.build();
    }
    Map<String, String> values = values(identity);
    values.forEach(b::header);
    if (signingKey != null) {
      String requestId = Objects.requireNonNullElse(request.attribute(Attributes.REQUEST_ID), "");
      b.header(
          signatureHeader,
          IdentitySignature.sign(
              signingKey, clock.millis() / 1000, requestId, managed, values::get));
    }
    return b.build();
  }

  private Map<String, String> values(Identity identity) {
    Map<String, String> values = new LinkedHashMap<>();
    put(values, subjectHeader, text(identity.subject()));
    put(values, consumerHeader, text(identity.consumerId()));
    put(values, scopesHeader, list(new TreeSet<>(identity.scopes()), ' '));
    put(values, groupsHeader, list(new TreeSet<>(identity.groups()), ' '));
    claimHeaders.forEach(
        (claim, header) -> put(values, header, text(identity.claims().get(claim))));
    return values;
  }

  /** Puts a value already encoded by {@link #text} or {@link #list}. */
  private static void put(
      Map<String, String> values, @Nullable String header, @Nullable String value) {
    if (header != null && value != null && !value.isEmpty()) {
      values.put(header, value);
    }
  }

  private static @Nullable String text(@Nullable Object claim) {
    if (claim instanceof Collection<?> c) {
      return list(c, ',');
    }
    return claim == null || claim instanceof Map
        ? null
        : IdentitySignature.headerValue(claim.toString());
  }

  /**
   * The elements joined with {@code separator}, one inside an element percent-encoded: the backend
   * must read the very elements the gateway decided on ({@code scp: ["a b"]} is one scope, which
   * {@code scopes("b")} refuses, not the two scopes {@code a b} would be).
   */
  private static String list(Collection<?> elements, char separator) {
    return String.join(
        String.valueOf(separator),
        elements.stream()
            .map(e -> IdentitySignature.listElement(String.valueOf(e), separator))
            .toList());
  }

  /**
   * Builds an {@link IdentityForwarding}. Defaults: {@code X-User-Id}, {@code X-Consumer-Id},
   * {@code X-Scopes}, no groups header, no claim headers, {@code Authorization} stripped, unsigned
   * (signature header {@code X-Identity-Signature} when signing), the system clock.
   */
  public static final class Builder {
    private @Nullable String subjectHeader = "X-User-Id";
    private @Nullable String consumerHeader = "X-Consumer-Id";
    private @Nullable String scopesHeader = "X-Scopes";
    private @Nullable String groupsHeader;
    private final Map<String, String> claimHeaders = new LinkedHashMap<>();
    private boolean forwardAuthorization;
    private byte @Nullable [] signingKey;
    private String signatureHeader = "X-Identity-Signature";
    private Clock clock = Clock.systemUTC();
    private final BuilderProblems recorded = new BuilderProblems("identityForwarding: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far: a bad value is recorded instead of thrown (a null
     * header name means "none"; other nulls still throw {@link NullPointerException}), and {@link
     * #build()} throws them all. For tools that point at their own input.
     */
    public java.util.List<String> problems() {
      return recorded.list();
    }

    /** The header for the subject; null sends none. */
    public Builder subjectHeader(@Nullable String name) {
      recorded.check(() -> this.subjectHeader = checked(name));
      return this;
    }

    /** The header for the consumer id; null sends none. */
    public Builder consumerHeader(@Nullable String name) {
      recorded.check(() -> this.consumerHeader = checked(name));
      return this;
    }

    /** The header for the scopes; null sends none. */
    public Builder scopesHeader(@Nullable String name) {
      recorded.check(() -> this.scopesHeader = checked(name));
      return this;
    }

    /** The header for groups or roles; none by default. */
    public Builder groupsHeader(@Nullable String name) {
      recorded.check(() -> this.groupsHeader = checked(name));
      return this;
    }

    /**
     * Forwards a claim's value in a header, such as {@code claimHeader("email", "X-User-Email")}.
     */
    public Builder claimHeader(String claim, String header) {
      Objects.requireNonNull(claim, "claim");
      Objects.requireNonNull(header, "header");
      recorded.check(() -> claimHeaders.put(claim, header(header)));
      return this;
    }

    /**
     * Whether the client's {@code Authorization} header goes upstream (default false: stripped).
     */
    public Builder forwardAuthorization(boolean forward) {
      this.forwardAuthorization = forward;
      return this;
    }

    /**
     * Signs the identity headers with this HMAC-SHA256 key (at least 32 bytes), shared with
     * backends.
     */
    public Builder signWith(byte[] hmacKey) {
      Objects.requireNonNull(hmacKey, "hmacKey");
      if (hmacKey.length < 32) {
        recorded.add("hmacKey must be at least 32 bytes: " + hmacKey.length);
      } else {
        this.signingKey = hmacKey.clone();
      }
      return this;
    }

    public Builder signatureHeader(String name) {
      Objects.requireNonNull(name, "name");
      recorded.check(() -> this.signatureHeader = header(name));
      return this;
    }

    private static String header(String name) {
      Headers.builder().add(name, ""); // rejects names HTTP does not allow
      return name;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    private static @Nullable String checked(@Nullable String name) {
      if (name != null) {
        Headers.builder().add(name, ""); // rejects names HTTP does not allow
      }
      return name;
    }

    /**
     * The identity forwarding.
     *
     * @throws dev.frontdesk.gateway.GatewayConfigException listing every value the setters refused
     */
    public IdentityForwarding build() {
      recorded.throwIfAny();
      return new IdentityForwarding(this);
    }
  }
}
